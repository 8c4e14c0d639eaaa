//! Where rolefit's heap and start-up time go, measured in process with a counting allocator:
//! the peak of live heap bytes and the time of each start-up step, for the built-in framework
//! and for synthetic frameworks (the generator of `benches/rolefit.rs`).
//!
//! ```text
//! cargo run --release --example heap                # built-in, 2,000 and 20,000
//! cargo run --release --example heap -- 20000       # one size (0 = built-in)
//! ```
//!
//! Each step is run alone, from nothing, `ROUNDS` times; the table shows the median time and
//! the peak heap above what was live before the step. The framework cache's steps use a cache
//! folder of their own (a temporary `XDG_CACHE_HOME`), never the user's.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rolefit::app::{App, AppInit};
use rolefit::domain::{Assessment, Framework};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as the caller promised for this call.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as the caller promised for this call.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as the caller promised for this call.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let live = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ROUNDS: usize = 7;

/// Runs `step` `ROUNDS` times; the median time and the largest peak above the live bytes
/// before it (what it kept alive is dropped before the next round).
fn measure<T>(mut step: impl FnMut() -> T) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..ROUNDS {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let kept = step();
        times.push(start.elapsed());
        peak = peak.max(PEAK.load(Ordering::Relaxed) - before);
        drop(kept);
    }
    times.sort();
    (times[ROUNDS / 2], peak)
}

fn row(what: &str, (time, peak): (Duration, usize)) {
    println!(
        "| {what} | {:.3} ms | {:.2} MiB |",
        time.as_secs_f64() * 1e3,
        peak as f64 / (1024.0 * 1024.0)
    );
}

fn main() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    // SAFETY: set before any other thread starts; only this process's cache folder moves.
    unsafe { std::env::set_var("XDG_CACHE_HOME", scratch.path().join("cache")) };
    let sizes: Vec<usize> = match std::env::args().nth(1) {
        Some(n) => vec![n.parse().expect("a number of competencies (0: built-in)")],
        None => vec![0, 2_000, 20_000],
    };
    println!("| step | median time | peak heap |\n|---|---:|---:|");
    for size in sizes {
        let text = if size == 0 {
            rolefit::storage::framework::BUILTIN_TOML.to_string()
        } else {
            synthetic::synthetic_framework(size)
        };
        let name = if size == 0 {
            "built-in".to_string()
        } else {
            format!("{size}")
        };
        println!(
            "| **{name}** ({:.2} MiB of TOML) | | |",
            text.len() as f64 / 1048576.0
        );
        row(
            "`toml::from_str::<toml::Table>` (parse only, owned)",
            measure(|| toml::from_str::<toml::Table>(&text).unwrap()),
        );
        row(
            "`storage::framework::from_toml` (parse + validate)",
            measure(|| rolefit::storage::framework::from_toml(&text).unwrap()),
        );
        let framework = rolefit::storage::framework::from_toml(&text).unwrap();
        row(
            "the `Framework` kept (a clone)",
            measure(|| framework.clone()),
        );
        cache_rows(scratch.path(), &name, &text, &framework);
        let now = rolefit::clock::now_utc();
        row(
            "`Assessment::new` + `App::new`",
            measure(|| {
                let assessment = Assessment::new("default", &framework, now);
                App::new(AppInit::new(framework.clone(), assessment))
            }),
        );
    }
}

/// The framework cache: writing it (`store`, after a parse) and a start that reads it back
/// (`load`: the framework file read and hashed, the cache read, checked and decoded); then the
/// cache file's size.
fn cache_rows(scratch: &std::path::Path, name: &str, text: &str, framework: &Framework) {
    use rolefit::storage::framework_cache;
    let path = scratch.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("the framework file is written");
    row(
        "`framework_cache::store` (encode + write)",
        measure(|| framework_cache::store(&path, text, framework)),
    );
    let back = framework_cache::load(&path).expect("the cache is read back");
    assert_eq!(&back, framework, "the cache gives back the same framework");
    row(
        "`framework_cache::load` (hash the file, read + check + decode)",
        measure(|| framework_cache::load(&path).expect("a cache hit")),
    );
    let folder = framework_cache::folder().expect("a cache folder");
    let size: u64 = std::fs::read_dir(folder)
        .expect("the cache folder")
        .map(|entry| entry.expect("an entry").metadata().expect("its size").len())
        .sum();
    println!(
        "| the cache file | | {:.2} MiB ({size} bytes) |",
        size as f64 / 1048576.0
    );
    std::fs::remove_file(&path).expect("the framework file is removed");
    std::fs::remove_dir_all(framework_cache::folder().expect("a cache folder"))
        .expect("the cache is removed");
}
