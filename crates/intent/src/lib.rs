//! frontdesk-intent
