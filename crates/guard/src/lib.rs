//! frontdesk-guard
