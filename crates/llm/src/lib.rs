//! frontdesk-llm: LLM providers (work in progress).
