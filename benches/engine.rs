//! Throughput of the whole check on generated national-style files of about
//! 10 MB, XML (with its identmelding) and CSV. Run with `cargo bench`; the
//! product's bar is 200 MB/s for the native engine (docs/report.md §5).

// criterion_group! declares a public function it does not document.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use iplos_sjekk::generate::{self, Config, Format};
use iplos_sjekk::{check, Input, Options};

/// A generated file of at least `target` bytes (persons doubled until then).
fn file(format: Format, target: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut persons = 500;
    loop {
        let cfg = Config {
            format,
            error_rate: 0.02,
            ..Config::new(persons, 2025, 2025)
        };
        let (main, ident) = generate::to_bytes(&cfg);
        if main.len() >= target {
            return (main, ident);
        }
        persons = persons * target as u64 / main.len() as u64 + 1;
    }
}

fn bench(c: &mut Criterion) {
    let opts = Options {
        year: Some(2025),
        ..Options::default()
    };
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(10));
    for (name, format) in [("xml", Format::Xml), ("csv", Format::Csv)] {
        let (main, ident) = file(format, 10 << 20);
        group.throughput(Throughput::Bytes(main.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let ident = ident.as_deref().map(|bytes| Input::new("ident.xml", bytes));
                check(Input::new("fag", &main), ident, &opts)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
