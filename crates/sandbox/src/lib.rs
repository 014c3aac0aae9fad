//! frontdesk-sandbox
