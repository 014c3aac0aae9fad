//! libFuzzer target: [`frontdesk_fuzz::ticket_json`] (what it feeds where is documented there).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    frontdesk_fuzz::ticket_json(data);
});
