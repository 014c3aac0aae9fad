-- The sandbox store keeps its own database beside frontdesk's state.
CREATE DATABASE sandbox OWNER frontdesk;
