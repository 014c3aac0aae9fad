//! frontdesk-planner: the offline planner (work in progress).
