//! The direct path's own edge cases (the codec's tests pin it to apache-avro).
use std::collections::BTreeMap;

use super::{from_slice, to_writer, Program};

fn map_program() -> Program {
    let schema = apache_avro::Schema::parse_str(r#"{"type": "map", "values": "long"}"#).unwrap();
    Program::compile(&schema).expect("a map of longs compiles")
}

#[test]
fn map_keys_must_be_strings() {
    let p = map_program();
    let mut out = Vec::new();
    let by_name = BTreeMap::from([("a".to_owned(), 1i64), ("b".to_owned(), 2)]);
    to_writer(&p, &by_name, &mut out).unwrap();
    assert_eq!(
        from_slice::<BTreeMap<String, i64>>(&p, &out).unwrap(),
        by_name
    );
    // chars and unit variants are written as their strings
    let by_char = BTreeMap::from([('x', 5i64)]);
    let mut out = Vec::new();
    to_writer(&p, &by_char, &mut out).unwrap();
    assert_eq!(
        from_slice::<BTreeMap<String, i64>>(&p, &out).unwrap(),
        BTreeMap::from([("x".to_owned(), 5)])
    );
    // numbers, booleans and bytes are not keys: the caller falls back to apache-avro
    for err in [
        to_writer(&p, &BTreeMap::from([(1u32, 1i64)]), &mut Vec::new()),
        to_writer(&p, &BTreeMap::from([(-1i64, 1i64)]), &mut Vec::new()),
        to_writer(&p, &BTreeMap::from([(true, 1i64)]), &mut Vec::new()),
    ] {
        assert!(err.unwrap_err().0.contains("non-string map key"));
    }
}
