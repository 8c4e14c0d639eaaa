use super::*;
use std::os::unix::fs::{PermissionsExt, symlink};

#[test]
fn the_lock_of_a_symlink_sits_beside_the_link_not_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let target = elsewhere.join("passwd");
    fs::write(&target, "not rolefit's").unwrap();
    let link = dir.path().join("mine.toml");
    symlink(&target, &link).unwrap();
    let LockOutcome::Held(_lock) = lock(&link) else {
        panic!("the lock beside the link was not taken");
    };
    assert!(dir.path().join("mine.lock").exists());
    let beside_target: Vec<_> = fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        beside_target,
        ["passwd"],
        "a lock appeared beside the target"
    );
}

#[test]
fn a_lock_file_that_is_a_symlink_is_not_followed_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("default.toml");
    let target = dir.path().join("theirs.txt");
    fs::write(&target, "theirs").unwrap();
    for points_to in [dir.path().join("nowhere/x"), target.clone()] {
        let _ = fs::remove_file(dir.path().join("default.lock"));
        symlink(&points_to, dir.path().join("default.lock")).unwrap();
        let LockOutcome::Unavailable(err) = lock(&file) else {
            panic!("a lock was taken through a link to {points_to:?}");
        };
        assert!(lock_is_link(&err), "{err:?}");
        assert_eq!(
            describe_io_error(&err),
            "it is a symbolic link, not a lock file; remove it"
        );
    }
    assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn a_fifo_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("default.toml");
    let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let outcome = read_assessment(&fifo, "default");
        let _ = send.send(match outcome {
            ReadOutcome::Unreadable(u) => u.reason,
            _ => "something else".into(),
        });
    });
    let reason = receive
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("reading a FIFO blocked");
    assert!(
        reason.contains("FIFO") && reason.contains("not a regular file"),
        "{reason}"
    );
}

#[test]
fn new_folders_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data/assessments/default.toml");
    ensure_parent(&file).unwrap();
    for folder in ["data", "data/assessments"] {
        let mode = fs::metadata(dir.path().join(folder))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{folder}");
    }
    let LockOutcome::Held(_lock) = lock(&file) else {
        panic!("no lock");
    };
    let mode = fs::metadata(dir.path().join("data/assessments/default.lock"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}
