//! The direct path against apache-avro on generated records.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{codec, gen};
use crate::messages::binary;
use crate::messages::schemas::{current, RecordKind};
use crate::messages::{Channel, Envelope};
/// The direct path against apache-avro's: each reads what the other wrote, and both
/// get the value back. (Bytes are compared by the unit tests above: with two or more
/// map entries apache-avro's own order varies from call to call.)
fn same_both_ways<T>(
    kind: RecordKind,
    value: &T,
) -> Result<(), proptest::test_runner::TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let (_, schema) = current(kind);
    let direct = binary::Program::compile(&schema).unwrap();
    let mut ours = Vec::new();
    binary::to_writer(&direct, value, &mut ours).unwrap();
    let theirs = apache_avro::to_avro_datum(
        &schema,
        apache_avro::to_value(value)
            .unwrap()
            .resolve(&schema)
            .unwrap(),
    )
    .unwrap();
    proptest::prop_assert_eq!(ours.len(), theirs.len());
    let read_by_them = |bytes: &[u8]| -> T {
        let mut b = bytes;
        let v = apache_avro::from_avro_datum(&schema, &mut b, None).unwrap();
        assert!(b.is_empty());
        apache_avro::from_value(&v).unwrap()
    };
    proptest::prop_assert_eq!(&binary::from_slice::<T>(&direct, &ours).unwrap(), value);
    proptest::prop_assert_eq!(&binary::from_slice::<T>(&direct, &theirs).unwrap(), value);
    proptest::prop_assert_eq!(&read_by_them(&ours), value);
    Ok(())
}

proptest::proptest! {
    #[test]
    fn the_direct_path_matches_apache_avro_on_tickets(t in gen::ticket()) {
        same_both_ways(RecordKind::Ticket, &t)?;
    }

    #[test]
    fn the_direct_path_matches_apache_avro_on_envelopes(e in gen::envelope()) {
        same_both_ways(RecordKind::Envelope, &e)?;
    }

    #[test]
    fn the_direct_path_rejects_what_it_cannot_read_without_panicking(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
        let direct = binary::Program::compile(&current(RecordKind::Envelope).1).unwrap();
        let _ = binary::from_slice::<Envelope>(&direct, &bytes);
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let c = codec();
        let _ = rt.block_on(c.decode_ticket(&bytes, Some(Channel::Chat)));
        let _ = rt.block_on(c.decode::<Envelope>(RecordKind::Envelope, &bytes));
    }
}
