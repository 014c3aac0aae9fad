//! frontdesk-tools
