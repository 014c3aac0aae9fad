//! frontdesk-retrieval
