//! Avro binary encoding straight from and to Rust values, guided by a compiled schema.
//!
//! apache-avro goes through its `Value` tree on both sides: `to_value` builds one tree per
//! record, the writer validates and encodes it; the reader builds another tree and
//! `from_value` walks it into the struct. At every hop of every ticket that was a quarter
//! of a stage's CPU. [`Program`] compiles a schema once (named references resolved to
//! indices) and [`to_writer`] / [`from_slice`] run serde against the binary encoding
//! directly, with no tree in between.
//!
//! Scope: exactly what frontdesk's records use (records, `["null", T]` unions, enums,
//! arrays, maps, the primitive types). Anything else — a record whose fields do not come
//! in the schema's order, a union with two non-null branches, a value that needs
//! resolving to fit — is an error here, and the codec falls back to apache-avro's own
//! path, which handles (or reports) it. Tests pin the output byte for byte to
//! apache-avro's.

use std::collections::HashMap;
use std::fmt;

use apache_avro::schema::{Name, Namespace, Schema};
use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};

/// Why the direct path could not handle a value (the codec then takes apache-avro's path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch(pub String);

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Mismatch {}

impl ser::Error for Mismatch {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mismatch(msg.to_string())
    }
}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mismatch(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Mismatch>;

fn mismatch<T>(what: impl fmt::Display) -> Result<T> {
    Err(Mismatch(what.to_string()))
}

#[derive(Debug)]
enum Node {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array(usize),
    Map(usize),
    Enum(Vec<String>),
    Record {
        name: String,
        fields: Vec<(String, usize)>,
    },
    Union {
        branches: Vec<usize>,
        /// The one non-null branch (position, node), when there is exactly one.
        single: Option<(usize, usize)>,
    },
}

/// A schema compiled for the direct path: one node per schema position, references
/// resolved to the node of the named type.
#[derive(Debug)]
pub struct Program {
    nodes: Vec<Node>,
}

impl Program {
    /// Compiles `schema`; None when it uses a type the direct path does not cover.
    pub fn compile(schema: &Schema) -> Option<Program> {
        let mut c = Compiler {
            nodes: Vec::new(),
            named: HashMap::new(),
        };
        c.node(schema, &None).ok()?;
        Some(Program { nodes: c.nodes })
    }

    fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }
}

struct Compiler {
    nodes: Vec<Node>,
    named: HashMap<String, usize>,
}

impl Compiler {
    fn push(&mut self, n: Node) -> usize {
        self.nodes.push(n);
        self.nodes.len() - 1
    }

    fn name_of(name: &Name, enclosing: &Namespace) -> String {
        name.fully_qualified_name(enclosing).fullname(None)
    }

    fn node(&mut self, s: &Schema, ns: &Namespace) -> Result<usize> {
        Ok(match s {
            Schema::Null => self.push(Node::Null),
            Schema::Boolean => self.push(Node::Boolean),
            Schema::Int | Schema::Date | Schema::TimeMillis => self.push(Node::Int),
            Schema::Long
            | Schema::TimeMicros
            | Schema::TimestampMillis
            | Schema::TimestampMicros
            | Schema::TimestampNanos
            | Schema::LocalTimestampMillis
            | Schema::LocalTimestampMicros
            | Schema::LocalTimestampNanos => self.push(Node::Long),
            Schema::Float => self.push(Node::Float),
            Schema::Double => self.push(Node::Double),
            Schema::Bytes => self.push(Node::Bytes),
            Schema::String => self.push(Node::String),
            Schema::Array(a) => {
                let at = self.push(Node::Null);
                let items = self.node(&a.items, ns)?;
                self.nodes[at] = Node::Array(items);
                at
            }
            Schema::Map(m) => {
                let at = self.push(Node::Null);
                let values = self.node(&m.types, ns)?;
                self.nodes[at] = Node::Map(values);
                at
            }
            Schema::Union(u) => {
                let at = self.push(Node::Null);
                let mut branches = Vec::new();
                for b in u.variants() {
                    branches.push(self.node(b, ns)?);
                }
                let others: Vec<(usize, usize)> = branches
                    .iter()
                    .copied()
                    .enumerate()
                    .filter(|(_, b)| !matches!(self.nodes[*b], Node::Null))
                    .collect();
                let single = (others.len() == 1).then(|| others[0]);
                self.nodes[at] = Node::Union { branches, single };
                at
            }
            Schema::Record(r) => {
                let full = Self::name_of(&r.name, ns);
                let at = self.push(Node::Null);
                self.named.insert(full, at);
                let inner = r.name.fully_qualified_name(ns).namespace;
                let mut fields = Vec::with_capacity(r.fields.len());
                for f in &r.fields {
                    fields.push((f.name.clone(), self.node(&f.schema, &inner)?));
                }
                self.nodes[at] = Node::Record {
                    name: r.name.name.clone(),
                    fields,
                };
                at
            }
            Schema::Enum(e) => {
                let at = self.push(Node::Enum(e.symbols.clone()));
                self.named.insert(Self::name_of(&e.name, ns), at);
                at
            }
            Schema::Ref { name } => match self.named.get(&Self::name_of(name, ns)) {
                Some(&at) => at,
                None => return mismatch(format!("unresolved reference {name}")),
            },
            other => return mismatch(format!("not covered: {other:?}")),
        })
    }
}

// ---------------------------------------------------------------------------------------
// Encoding primitives.

fn put_long(out: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        out.push((z as u8) | 0x80);
        z >>= 7;
    }
    out.push(z as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_long(out, b.len() as i64);
    out.extend_from_slice(b);
}

/// Serializes `value` as the Avro binary datum of `program`'s root, after `out`'s contents.
/// On an error `out` may hold a partial datum.
pub fn to_writer<T: Serialize + ?Sized>(
    program: &Program,
    value: &T,
    out: &mut Vec<u8>,
) -> Result<()> {
    value.serialize(Ser {
        p: program,
        node: 0,
        out,
    })
}

struct Ser<'a> {
    p: &'a Program,
    node: usize,
    out: &'a mut Vec<u8>,
}

impl<'a> Ser<'a> {
    /// The node a value of the kind `accepts` is written as: this node, or (for a union)
    /// the first branch that accepts it, whose position is written first.
    fn target(&mut self, what: &str, accepts: impl Fn(&Node) -> bool) -> Result<usize> {
        let n = self.p.node(self.node);
        if accepts(n) {
            return Ok(self.node);
        }
        if let Node::Union { branches, .. } = n {
            for (i, &b) in branches.iter().enumerate() {
                if accepts(self.p.node(b)) {
                    put_long(self.out, i as i64);
                    return Ok(b);
                }
            }
        }
        mismatch(format!("{what} does not fit {n:?}"))
    }

    fn long(mut self, v: i64) -> Result<()> {
        let t = self.target("an integer", |n| matches!(n, Node::Long | Node::Int))?;
        if matches!(self.p.node(t), Node::Int) && i32::try_from(v).is_err() {
            return mismatch("an integer out of int range");
        }
        put_long(self.out, v);
        Ok(())
    }

    fn at(&mut self, node: usize) -> Ser<'_> {
        Ser {
            p: self.p,
            node,
            out: self.out,
        }
    }
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = ();
    type Error = Mismatch;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = ser::Impossible<(), Mismatch>;
    type SerializeTupleStruct = ser::Impossible<(), Mismatch>;
    type SerializeTupleVariant = ser::Impossible<(), Mismatch>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = ser::Impossible<(), Mismatch>;

    fn serialize_bool(mut self, v: bool) -> Result<()> {
        self.target("a bool", |n| matches!(n, Node::Boolean))?;
        self.out.push(v as u8);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.long(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        match i64::try_from(v) {
            Ok(v) => self.long(v),
            Err(_) => mismatch("an unsigned integer out of long range"),
        }
    }
    fn serialize_f32(mut self, v: f32) -> Result<()> {
        let t = self.target("a float", |n| matches!(n, Node::Float | Node::Double))?;
        match self.p.node(t) {
            Node::Float => self.out.extend_from_slice(&v.to_le_bytes()),
            _ => self.out.extend_from_slice(&f64::from(v).to_le_bytes()),
        }
        Ok(())
    }
    fn serialize_f64(mut self, v: f64) -> Result<()> {
        self.target("a double", |n| matches!(n, Node::Double))?;
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(mut self, v: &str) -> Result<()> {
        self.target("a string", |n| matches!(n, Node::String | Node::Bytes))?;
        put_bytes(self.out, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<()> {
        self.target("bytes", |n| matches!(n, Node::Bytes))?;
        put_bytes(self.out, v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<()> {
        self.target("null", |n| matches!(n, Node::Null))?;
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<()> {
        match self.p.node(self.node) {
            Node::Union {
                single: Some((pos, branch)),
                ..
            } => {
                let (pos, branch) = (*pos, *branch);
                put_long(self.out, pos as i64);
                value.serialize(self.at(branch))
            }
            Node::Union { .. } => mismatch("a value for a union of several non-null types"),
            _ => value.serialize(self),
        }
    }
    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        let t = self.target("an enum", |n| matches!(n, Node::Enum(_)))?;
        let Node::Enum(symbols) = self.p.node(t) else {
            unreachable!()
        };
        match symbols.iter().position(|s| s == variant) {
            Some(i) => {
                put_long(self.out, i as i64);
                Ok(())
            }
            None => mismatch(format!("no symbol {variant}")),
        }
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        mismatch("a newtype variant")
    }
    fn serialize_seq(mut self, len: Option<usize>) -> Result<Items<'a>> {
        let Some(len) = len else {
            return mismatch("a sequence of unknown length");
        };
        let t = self.target("a sequence", |n| matches!(n, Node::Array(_)))?;
        let Node::Array(items) = *self.p.node(t) else {
            unreachable!()
        };
        if len > 0 {
            put_long(self.out, len as i64);
        }
        Ok(Items {
            p: self.p,
            items,
            out: self.out,
            left: len,
        })
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        mismatch("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        mismatch("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        mismatch("a tuple variant")
    }
    fn serialize_map(mut self, len: Option<usize>) -> Result<Entries<'a>> {
        let Some(len) = len else {
            return mismatch("a map of unknown length");
        };
        let t = self.target("a map", |n| matches!(n, Node::Map(_)))?;
        let Node::Map(values) = *self.p.node(t) else {
            unreachable!()
        };
        if len > 0 {
            put_long(self.out, len as i64);
        }
        Ok(Entries {
            p: self.p,
            values,
            out: self.out,
            left: len,
        })
    }
    fn serialize_struct(mut self, name: &'static str, _len: usize) -> Result<Fields<'a>> {
        let t = match self.p.node(self.node) {
            Node::Record { .. } => self.node,
            Node::Union { single, .. } => {
                let single = *single;
                match self.target(
                    "a struct",
                    |n| matches!(n, Node::Record { name: r, .. } if r == name),
                ) {
                    Ok(t) => t,
                    Err(e) => match single {
                        Some((pos, b)) if matches!(self.p.node(b), Node::Record { .. }) => {
                            put_long(self.out, pos as i64);
                            b
                        }
                        _ => return Err(e),
                    },
                }
            }
            other => return mismatch(format!("a struct does not fit {other:?}")),
        };
        Ok(Fields {
            p: self.p,
            record: t,
            next: 0,
            out: self.out,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        mismatch("a struct variant")
    }
}

struct Items<'a> {
    p: &'a Program,
    items: usize,
    out: &'a mut Vec<u8>,
    left: usize,
}

impl ser::SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = Mismatch;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if self.left == 0 {
            return mismatch("more elements than announced");
        }
        self.left -= 1;
        value.serialize(Ser {
            p: self.p,
            node: self.items,
            out: self.out,
        })
    }
    fn end(self) -> Result<()> {
        if self.left != 0 {
            return mismatch("fewer elements than announced");
        }
        self.out.push(0);
        Ok(())
    }
}

struct Entries<'a> {
    p: &'a Program,
    values: usize,
    out: &'a mut Vec<u8>,
    left: usize,
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = ();
    type Error = Mismatch;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        if self.left == 0 {
            return mismatch("more entries than announced");
        }
        self.left -= 1;
        key.serialize(KeySer(self.out))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(Ser {
            p: self.p,
            node: self.values,
            out: self.out,
        })
    }
    fn end(self) -> Result<()> {
        if self.left != 0 {
            return mismatch("fewer entries than announced");
        }
        self.out.push(0);
        Ok(())
    }
}

/// Map keys: strings only.
struct KeySer<'a>(&'a mut Vec<u8>);

/// Serializer methods of [`KeySer`] for values that cannot be map keys.
macro_rules! reject_key {
    ($($name:ident($ty:ty)),* $(,)?) => {
        $(fn $name(self, _: $ty) -> Result<()> {
            mismatch("a non-string map key")
        })*
    };
}

impl ser::Serializer for KeySer<'_> {
    type Ok = ();
    type Error = Mismatch;
    type SerializeSeq = ser::Impossible<(), Mismatch>;
    type SerializeTuple = ser::Impossible<(), Mismatch>;
    type SerializeTupleStruct = ser::Impossible<(), Mismatch>;
    type SerializeTupleVariant = ser::Impossible<(), Mismatch>;
    type SerializeMap = ser::Impossible<(), Mismatch>;
    type SerializeStruct = ser::Impossible<(), Mismatch>;
    type SerializeStructVariant = ser::Impossible<(), Mismatch>;

    fn serialize_str(self, v: &str) -> Result<()> {
        put_bytes(self.0, v.as_bytes());
        Ok(())
    }
    reject_key! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_bytes(&[u8])
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_none(self) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_unit(self) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        mismatch("a non-string map key")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        mismatch("a non-string map key")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        mismatch("a non-string map key")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        mismatch("a non-string map key")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        mismatch("a non-string map key")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        mismatch("a non-string map key")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        mismatch("a non-string map key")
    }
}

/// A record's fields, which must arrive in the schema's order, all of them.
struct Fields<'a> {
    p: &'a Program,
    record: usize,
    next: usize,
    out: &'a mut Vec<u8>,
}

impl Fields<'_> {
    fn fields(&self) -> &[(String, usize)] {
        match self.p.node(self.record) {
            Node::Record { fields, .. } => fields,
            _ => &[],
        }
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Mismatch;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        let node = match self.fields().get(self.next) {
            Some((name, node)) if name == key => *node,
            _ => return mismatch(format!("field {key} out of the schema's order")),
        };
        self.next += 1;
        value.serialize(Ser {
            p: self.p,
            node,
            out: self.out,
        })
    }
    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        mismatch(format!("field {key} skipped"))
    }
    fn end(self) -> Result<()> {
        if self.next != self.fields().len() {
            return mismatch("fields missing from the value");
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Decoding.

/// Deserializes a `T` from the Avro binary datum of `program`'s root, which must take up
/// all of `bytes`.
pub fn from_slice<T: de::DeserializeOwned>(program: &Program, bytes: &[u8]) -> Result<T> {
    let mut input = bytes;
    let value = T::deserialize(De {
        p: program,
        node: 0,
        input: &mut input,
    })?;
    if !input.is_empty() {
        return mismatch(format!("{} trailing bytes after the datum", input.len()));
    }
    Ok(value)
}

struct De<'a, 'de> {
    p: &'a Program,
    node: usize,
    input: &'a mut &'de [u8],
}

fn get_long(input: &mut &[u8]) -> Result<i64> {
    let mut z: u64 = 0;
    for shift in (0..70).step_by(7) {
        let Some((&b, rest)) = input.split_first() else {
            return mismatch("truncated integer");
        };
        *input = rest;
        if shift == 63 && b > 1 {
            return mismatch("integer overflow");
        }
        z |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok((z >> 1) as i64 ^ -((z & 1) as i64));
        }
    }
    mismatch("integer overflow")
}

fn get_len(input: &mut &[u8]) -> Result<usize> {
    let n = get_long(input)?;
    usize::try_from(n).or_else(|_| mismatch("negative length"))
}

fn get_slice<'de>(input: &mut &'de [u8], n: usize) -> Result<&'de [u8]> {
    if input.len() < n {
        return mismatch("truncated datum");
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Ok(head)
}

fn get_bytes<'de>(input: &mut &'de [u8]) -> Result<&'de [u8]> {
    let n = get_len(input)?;
    get_slice(input, n)
}

fn get_str<'de>(input: &mut &'de [u8]) -> Result<&'de str> {
    std::str::from_utf8(get_bytes(input)?).or_else(|_| mismatch("invalid UTF-8 in a string"))
}

/// The block count of an array or map: a negative count is followed by the block's size.
fn get_block(input: &mut &[u8]) -> Result<usize> {
    let n = get_long(input)?;
    if n < 0 {
        get_long(input)?;
        return Ok(n.unsigned_abs() as usize);
    }
    Ok(n as usize)
}

impl<'a, 'de> De<'a, 'de> {
    fn at(&mut self, node: usize) -> De<'_, 'de> {
        De {
            p: self.p,
            node,
            input: self.input,
        }
    }

    fn branch(&mut self, branches: &[usize]) -> Result<usize> {
        let i = get_long(self.input)?;
        usize::try_from(i)
            .ok()
            .and_then(|i| branches.get(i).copied())
            .map_or_else(|| mismatch(format!("union branch {i} out of range")), Ok)
    }

    fn symbol(&mut self, symbols: &'a [String]) -> Result<&'a str> {
        let i = get_long(self.input)?;
        usize::try_from(i)
            .ok()
            .and_then(|i| symbols.get(i))
            .map_or_else(
                || mismatch(format!("enum symbol {i} out of range")),
                |s| Ok(s.as_str()),
            )
    }
}

impl<'de> de::Deserializer<'de> for De<'_, 'de> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        let p = self.p;
        match p.node(self.node) {
            Node::Null => visitor.visit_unit(),
            Node::Boolean => match get_slice(self.input, 1)?[0] {
                0 => visitor.visit_bool(false),
                1 => visitor.visit_bool(true),
                b => mismatch(format!("invalid boolean byte {b}")),
            },
            Node::Int => {
                let v = get_long(self.input)?;
                match i32::try_from(v) {
                    Ok(v) => visitor.visit_i32(v),
                    Err(_) => mismatch("int out of range"),
                }
            }
            Node::Long => visitor.visit_i64(get_long(self.input)?),
            Node::Float => {
                let b = get_slice(self.input, 4)?;
                visitor.visit_f32(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            Node::Double => {
                let b = get_slice(self.input, 8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                visitor.visit_f64(f64::from_le_bytes(a))
            }
            Node::Bytes => visitor.visit_borrowed_bytes(get_bytes(self.input)?),
            Node::String => visitor.visit_borrowed_str(get_str(self.input)?),
            Node::Enum(symbols) => visitor.visit_str(self.symbol(symbols)?),
            Node::Array(items) => {
                let items = *items;
                visitor.visit_seq(Blocks {
                    p: self.p,
                    node: items,
                    input: self.input,
                    left: 0,
                    done: false,
                })
            }
            Node::Map(values) => {
                let values = *values;
                visitor.visit_map(Blocks {
                    p: self.p,
                    node: values,
                    input: self.input,
                    left: 0,
                    done: false,
                })
            }
            Node::Record { fields, .. } => visitor.visit_map(RecordAccess {
                p: self.p,
                fields: fields.iter(),
                value: 0,
                input: self.input,
            }),
            Node::Union { branches, .. } => {
                let b = self.branch(branches)?;
                self.at(b).deserialize_any(visitor)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.p.node(self.node) {
            Node::Null => visitor.visit_none(),
            Node::Union { branches, .. } => {
                let b = self.branch(branches)?;
                if matches!(self.p.node(b), Node::Null) {
                    visitor.visit_none()
                } else {
                    visitor.visit_some(self.at(b))
                }
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let p = self.p;
        match p.node(self.node) {
            Node::Enum(symbols) => visitor.visit_enum(de::value::StrDeserializer::<Mismatch>::new(
                self.symbol(symbols)?,
            )),
            Node::String => visitor.visit_enum(
                de::value::BorrowedStrDeserializer::<Mismatch>::new(get_str(self.input)?),
            ),
            Node::Union { branches, .. } => {
                let b = self.branch(branches)?;
                self.at(b).deserialize_enum(_name, _variants, visitor)
            }
            other => mismatch(format!("an enum from {other:?}")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// Array items or map entries, block by block.
struct Blocks<'a, 'de> {
    p: &'a Program,
    node: usize,
    input: &'a mut &'de [u8],
    left: usize,
    done: bool,
}

impl Blocks<'_, '_> {
    /// Whether another item follows (reading the next block header when needed).
    fn more(&mut self) -> Result<bool> {
        while self.left == 0 && !self.done {
            let n = get_block(self.input)?;
            if n == 0 {
                self.done = true;
            }
            self.left = n;
        }
        if self.left == 0 {
            return Ok(false);
        }
        self.left -= 1;
        Ok(true)
    }
}

impl<'de> de::SeqAccess<'de> for Blocks<'_, 'de> {
    type Error = Mismatch;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        seed.deserialize(De {
            p: self.p,
            node: self.node,
            input: self.input,
        })
        .map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Blocks<'_, 'de> {
    type Error = Mismatch;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        let key = get_str(self.input)?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(De {
            p: self.p,
            node: self.node,
            input: self.input,
        })
    }
}

struct RecordAccess<'a, 'de> {
    p: &'a Program,
    fields: std::slice::Iter<'a, (String, usize)>,
    value: usize,
    input: &'a mut &'de [u8],
}

impl<'de> de::MapAccess<'de> for RecordAccess<'_, 'de> {
    type Error = Mismatch;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((name, node)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = *node;
        seed.deserialize(de::value::StrDeserializer::new(name))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(De {
            p: self.p,
            node: self.value,
            input: self.input,
        })
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn map_program() -> Program {
        let schema =
            apache_avro::Schema::parse_str(r#"{"type": "map", "values": "long"}"#).unwrap();
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
}
