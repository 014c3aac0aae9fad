//! frontdesk-limits: the write-action gate (work in progress).
