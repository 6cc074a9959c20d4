use econ_archive::{Archive, Query, SearchRequest};
use std::time::Instant;
fn cpu() -> f64 {
    let mut u: libc_rusage = unsafe { std::mem::zeroed() };
    unsafe { getrusage(1, &mut u) }; // RUSAGE_THREAD
    u.ru_utime.0 as f64
        + u.ru_utime.1 as f64 / 1e6
        + u.ru_stime.0 as f64
        + u.ru_stime.1 as f64 / 1e6
}
#[repr(C)]
struct libc_rusage {
    ru_utime: (i64, i64),
    ru_stime: (i64, i64),
    rest: [i64; 14],
}
extern "C" {
    fn getrusage(who: i32, u: *mut libc_rusage) -> i32;
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let a = Archive::open(args[1].as_ref()).unwrap();
    let qs: Vec<String> = std::fs::read_to_string(&args[2])
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').nth(2).unwrap().to_string())
        .collect();
    for (facets, snippets) in [(true, true), (false, true), (true, false), (false, false)] {
        let mut total = 0.0;
        for q in &qs {
            let c0 = cpu();
            let _t = Instant::now();
            for _ in 0..5 {
                let mut r = SearchRequest::new(Query::parse(q).unwrap());
                r.facets = facets;
                r.snippets = snippets;
                let res = a.search(&r).unwrap();
                let v: Vec<_> = res.hits.collect();
                std::hint::black_box(v);
            }
            let d = (cpu() - c0) / 5.0;
            total += d;
            if facets && snippets {
                eprintln!("{q:35} {:.2} ms", d * 1000.0);
            }
        }
        println!(
            "facets={facets} snippets={snippets}: mean {:.2} ms CPU per query",
            total / qs.len() as f64 * 1000.0
        );
    }
}
