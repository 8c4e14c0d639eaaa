//! Saving off the event loop: a writer thread takes snapshots of the assessment and writes them
//! through whatever `Persist` it is given (the real store writes atomically: temp file, fsync,
//! rename, fsync of the folder), so a save never delays a redraw.
//!
//! Saves coalesce: the loop hands over a snapshot whenever one is due; a snapshot not yet
//! taken by the thread is replaced by a newer one, so only the newest pending snapshot is
//! written. Each snapshot carries the loop's change count (`generation`), and every result
//! comes back with it, so the loop knows whether what was written is still the latest state.
//!
//! Moving an unreadable file aside and writing reports also run here, in order with the saves,
//! because the thread owns the store; the loop waits for their answers (they follow a key the
//! user pressed for exactly that).

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::Scope;

use crate::guarded::Saved;
use rolefit_core::Assessment;

/// Where the assessment is saved.
pub trait Persist {
    /// Writes the assessment; the error is shown to the user.
    fn save(&mut self, assessment: &Assessment) -> io::Result<()>;
    /// Writes the assessment unless another program changed the file meanwhile, which is then
    /// merged or kept beside it (see [`crate::guarded`]); a store that cannot tell just saves.
    fn save_guarded(&mut self, assessment: &Assessment) -> io::Result<Saved> {
        self.save(assessment).map(|()| Saved::Written)
    }
    /// Moves an unreadable file aside; returns where it went.
    fn move_aside(&mut self) -> crate::Result<PathBuf>;
    /// Writes a report (`extension` without the dot) next to the user's data; returns its path.
    fn write_report(&mut self, extension: &str, contents: &str) -> crate::Result<PathBuf> {
        let _ = (extension, contents);
        Err(crate::Error::NoReports)
    }
}

/// Wakes the event loop when a result is ready (e.g. writes to the pipe the loop polls).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What the writer thread reports back.
#[derive(Debug)]
pub enum Done {
    /// A snapshot was written (or not); `generation` is the change count it was taken at.
    Saved {
        generation: u64,
        result: io::Result<super::guarded::Saved>,
    },
    MovedAside(super::Result<PathBuf>),
    Reported(super::Result<PathBuf>),
}

enum Job {
    MoveAside,
    Report { extension: String, contents: String },
}

#[derive(Default)]
struct State {
    /// The newest snapshot not yet taken by the thread.
    save: Option<(u64, Box<Assessment>)>,
    jobs: VecDeque<Job>,
    closed: bool,
}

struct Shared {
    state: Mutex<State>,
    work: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-changed (every change is
        // one assignment), so a poisoned lock is used as it is.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What starting the thread needs; kept until the first save or job, so a start that never
/// saves (or saves later) does not spend its first frame's time on a thread.
struct Start<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    store: &'scope mut (dyn Persist + Send),
    waker: Option<Waker>,
    sender: Sender<Done>,
}

/// The loop's side of the writer thread.
pub struct Writer<'scope, 'env> {
    start: Option<Start<'scope, 'env>>,
    shared: Arc<Shared>,
    results: Receiver<Done>,
    /// The generation of the last snapshot handed over, if any.
    submitted: Option<u64>,
    /// The generation of the last snapshot whose result came back.
    finished: Option<u64>,
}

impl<'scope, 'env> Writer<'scope, 'env> {
    /// A writer that saves through `store` on a thread in `scope`, started when first needed.
    /// The thread ends when the `Writer` is dropped, after finishing what it was given.
    pub fn new(
        scope: &'scope Scope<'scope, 'env>,
        store: &'scope mut (dyn Persist + Send),
        waker: Option<Waker>,
    ) -> Writer<'scope, 'env> {
        let (sender, results) = mpsc::channel();
        Writer {
            start: Some(Start {
                scope,
                store,
                waker,
                sender,
            }),
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                work: Condvar::new(),
            }),
            results,
            submitted: None,
            finished: None,
        }
    }

    /// Starts the thread if it is not running yet.
    fn started(&mut self) -> &Shared {
        if let Some(Start {
            scope,
            store,
            waker,
            sender,
        }) = self.start.take()
        {
            let shared = Arc::clone(&self.shared);
            std::thread::Builder::new()
                .name("rolefit-writer".into())
                .spawn_scoped(scope, move || work(&shared, store, &sender, waker))
                .expect("start the writer thread");
        }
        &self.shared
    }

    /// Hands a snapshot over; replaces one not yet taken (only the newest is written).
    pub fn submit(&mut self, generation: u64, snapshot: Assessment) {
        self.started().lock().save = Some((generation, Box::new(snapshot)));
        self.shared.work.notify_one();
        self.submitted = Some(generation);
    }

    /// A snapshot was handed over whose result has not come back yet.
    pub fn busy(&self) -> bool {
        self.submitted != self.finished
    }

    /// Results that have come back, without waiting.
    pub fn ready(&mut self) -> Vec<Done> {
        let mut done = Vec::new();
        while let Ok(d) = self.results.try_recv() {
            self.note(&d);
            done.push(d);
        }
        done
    }

    /// Waits until the last snapshot handed over is written (or failed); returns every result
    /// that came back meanwhile, the last snapshot's last.
    pub fn drain(&mut self) -> Vec<Done> {
        let mut done = self.ready();
        while self.busy() {
            match self.results.recv() {
                Ok(d) => {
                    self.note(&d);
                    done.push(d);
                }
                Err(_) => break,
            }
        }
        done
    }

    /// Moves the unreadable file aside, after any save in progress; waits for the answer.
    pub fn move_aside(&mut self) -> (super::Result<PathBuf>, Vec<Done>) {
        self.request(Job::MoveAside, |d| match d {
            Done::MovedAside(r) => Ok(r),
            other => Err(other),
        })
    }

    /// Writes a report next to the user's data; waits for the answer.
    pub fn write_report(
        &mut self,
        extension: &str,
        contents: String,
    ) -> (super::Result<PathBuf>, Vec<Done>) {
        let job = Job::Report {
            extension: extension.to_string(),
            contents,
        };
        self.request(job, |d| match d {
            Done::Reported(r) => Ok(r),
            other => Err(other),
        })
    }

    /// Queues a job and waits for its answer; other results that arrive meanwhile are returned
    /// alongside.
    fn request(
        &mut self,
        job: Job,
        answer: impl Fn(Done) -> Result<super::Result<PathBuf>, Done>,
    ) -> (super::Result<PathBuf>, Vec<Done>) {
        self.started().lock().jobs.push_back(job);
        self.shared.work.notify_one();
        let mut others = Vec::new();
        loop {
            // The thread only stops early by panicking; the scope then passes the panic on.
            let d = self.results.recv().expect("the writer thread ended early");
            self.note(&d);
            match answer(d) {
                Ok(result) => return (result, others),
                Err(other) => others.push(other),
            }
        }
    }

    fn note(&mut self, done: &Done) {
        if let Done::Saved { generation, .. } = done {
            self.finished = Some(*generation);
        }
    }
}

impl Drop for Writer<'_, '_> {
    /// Lets the thread finish what it holds and end (the scope then joins it).
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.work.notify_one();
    }
}

/// What the thread takes next.
enum Next {
    Save(u64, Box<Assessment>),
    Job(Job),
}

/// The writer thread: waits for work, does it in order (a pending save before a job), reports.
fn work(
    shared: &Shared,
    store: &mut (dyn Persist + Send),
    results: &Sender<Done>,
    waker: Option<Waker>,
) {
    loop {
        let next = {
            let mut state = shared.lock();
            loop {
                if let Some((generation, snapshot)) = state.save.take() {
                    break Next::Save(generation, snapshot);
                }
                if let Some(job) = state.jobs.pop_front() {
                    break Next::Job(job);
                }
                if state.closed {
                    return;
                }
                state = shared.work.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        };
        let done = match next {
            Next::Save(generation, snapshot) => Done::Saved {
                generation,
                result: store.save_guarded(&snapshot),
            },
            Next::Job(Job::MoveAside) => Done::MovedAside(store.move_aside()),
            Next::Job(Job::Report {
                extension,
                contents,
            }) => Done::Reported(store.write_report(&extension, &contents)),
        };
        if results.send(done).is_err() {
            return;
        }
        if let Some(wake) = &waker {
            wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::mpsc::SyncSender;

    /// A store that records what it was asked to save, and holds each save until the test
    /// lets it go (when `gate` is given).
    struct Recording {
        names: Arc<Mutex<Vec<String>>>,
        gate: Option<Receiver<()>>,
        started: Option<SyncSender<()>>,
        fail: bool,
    }

    impl Persist for Recording {
        fn save(&mut self, assessment: &Assessment) -> io::Result<()> {
            if let Some(started) = &self.started {
                let _ = started.send(());
            }
            if let Some(gate) = &self.gate {
                let _ = gate.recv();
            }
            self.names.lock().unwrap().push(assessment.name.clone());
            if self.fail {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            Ok(())
        }
        fn move_aside(&mut self) -> crate::Result<PathBuf> {
            Ok(PathBuf::from("aside"))
        }
    }

    fn named(name: &str) -> Assessment {
        Assessment::new(name, &crate::framework::builtin(), crate::clock::now_utc())
    }

    #[test]
    fn only_the_newest_pending_snapshot_is_written() {
        let names = Arc::new(Mutex::new(Vec::new()));
        let (open, gate) = mpsc::channel();
        let (started, first_taken) = mpsc::sync_channel(8);
        let mut store = Recording {
            names: Arc::clone(&names),
            gate: Some(gate),
            started: Some(started),
            fail: false,
        };
        let done = std::thread::scope(|scope| {
            let mut writer = Writer::new(scope, &mut store, None);
            writer.submit(1, named("one"));
            // The thread holds "one"; "two" waits and is replaced by "three".
            first_taken.recv().unwrap();
            writer.submit(2, named("two"));
            writer.submit(3, named("three"));
            assert!(writer.busy());
            open.send(()).unwrap();
            open.send(()).unwrap();
            writer.drain()
        });
        assert_eq!(*names.lock().unwrap(), ["one", "three"]);
        let generations: Vec<u64> = done
            .iter()
            .map(|d| match d {
                Done::Saved { generation, result } => {
                    assert!(result.is_ok());
                    *generation
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            generations,
            [1, 3],
            "the last result is the last snapshot's"
        );
    }

    #[test]
    fn a_failure_comes_back_and_jobs_wait_for_the_save_before_them() {
        let names = Arc::new(Mutex::new(Vec::new()));
        let mut store = Recording {
            names: Arc::clone(&names),
            gate: None,
            started: None,
            fail: true,
        };
        let (moved, before) = std::thread::scope(|scope| {
            let mut writer = Writer::new(scope, &mut store, None);
            writer.submit(7, named("seven"));
            writer.move_aside()
        });
        assert_eq!(moved.unwrap(), PathBuf::from("aside"));
        assert!(
            matches!(&before[..], [Done::Saved { generation: 7, result: Err(e) }]
                if e.kind() == io::ErrorKind::StorageFull),
            "{before:?}"
        );
        assert_eq!(*names.lock().unwrap(), ["seven"]);
    }

    #[test]
    fn nothing_starts_a_thread_until_there_is_something_to_write() {
        let mut store = Recording {
            names: Arc::new(Mutex::new(Vec::new())),
            gate: None,
            started: None,
            fail: false,
        };
        std::thread::scope(|scope| {
            let mut writer = Writer::new(scope, &mut store, None);
            assert!(!writer.busy());
            assert!(writer.drain().is_empty());
            assert!(writer.start.is_some(), "no thread yet");
            writer.submit(1, named("one"));
            assert!(writer.start.is_none());
            assert_eq!(writer.drain().len(), 1);
        });
    }
}
