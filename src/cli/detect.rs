//! Which background the terminal has: asked of the terminal itself (OSC 11), else read from
//! `COLORFGBG`, else dark. `--theme` and `ROLEFIT_THEME` skip the asking.
//!
//! The question is asked in raw mode before the alternate screen, followed by a request for the
//! terminal's attributes (DA1), which every terminal answers: its reply ends the wait at once on
//! a terminal that ignores OSC 11. Everything read is consumed here, so no reply reaches the app
//! as keys; without any reply the wait ends after `TIMEOUT`.

use std::time::{Duration, Instant};

use super::Error;
use super::args::ThemeSetting;
use crate::ui::contrast::Rgb;
use crate::ui::theme::Background;

/// The longest wait for the terminal's answer.
pub const TIMEOUT: Duration = Duration::from_millis(100);

/// The question: the background colour (OSC 11, ST-terminated), then the device attributes.
const QUERY: &[u8] = b"\x1b]11;?\x1b\\\x1b[c";

/// The theme asked for by `--theme`, else by `ROLEFIT_THEME` (`env`), else by the
/// configuration file, else auto. A `ROLEFIT_THEME` that names no theme is refused.
pub fn setting(
    flag: Option<ThemeSetting>,
    env: Option<&str>,
    config: Option<ThemeSetting>,
) -> Result<ThemeSetting, Error> {
    if let Some(setting) = flag {
        return Ok(setting);
    }
    match env.map(str::trim) {
        None | Some("") => Ok(config.unwrap_or_default()),
        Some(value) => {
            <ThemeSetting as clap::ValueEnum>::from_str(value, true).map_err(|_| Error::BadTheme {
                value: value.to_string(),
            })
        }
    }
}

/// The background to draw for: forced, or found by `ask` (the terminal's answer), then
/// `colorfgbg`, then dark.
pub fn background(
    setting: ThemeSetting,
    ask: impl FnOnce() -> Option<Rgb>,
    colorfgbg: Option<&str>,
) -> Background {
    match setting {
        ThemeSetting::Dark => Background::Dark,
        ThemeSetting::Light => Background::Light,
        ThemeSetting::Auto => ask()
            .map(background_of)
            .or_else(|| colorfgbg.and_then(parse_colorfgbg))
            .unwrap_or_default(),
    }
}

/// Light when the colour's relative luminance is above one half.
pub fn background_of(color: Rgb) -> Background {
    if color.luminance() > 0.5 {
        Background::Light
    } else {
        Background::Dark
    }
}

/// The colour in an OSC 11 reply, `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST
/// (`ESC \`), with 1 to 4 hex digits per channel; other bytes around it are ignored.
pub fn parse_osc11(reply: &[u8]) -> Option<Rgb> {
    let start = reply.windows(5).position(|w| w == b"\x1b]11;")? + 5;
    let rest = &reply[start..];
    let end = rest.iter().position(|&b| b == 0x07 || b == 0x1b)?;
    let body = std::str::from_utf8(&rest[..end]).ok()?;
    let channels = body
        .strip_prefix("rgb:")
        .or_else(|| body.strip_prefix("rgba:"))?;
    let mut values = channels.split('/').map(channel);
    let (r, g, b) = (values.next()??, values.next()??, values.next()??);
    Some(Rgb(r, g, b))
}

/// One channel of 1–4 hex digits, scaled to 0–255.
fn channel(hex: &str) -> Option<u8> {
    if hex.is_empty() || hex.len() > 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let value = u32::from_str_radix(hex, 16).ok()?;
    let max = (1u32 << (4 * hex.len())) - 1;
    Some(((value * 255 + max / 2) / max) as u8)
}

/// The background in `COLORFGBG` ("15;0", "0;15", "default;default", or with a middle
/// field): its last field is the background's ANSI colour; 7 and 9–15 are light.
pub fn parse_colorfgbg(value: &str) -> Option<Background> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        7 | 9..=15 => Some(Background::Light),
        0..=6 | 8 => Some(Background::Dark),
        _ => None,
    }
}

/// Whether `reply` holds a complete device-attributes answer (`ESC [ ? … c`).
fn has_attributes(reply: &[u8]) -> bool {
    reply.windows(3).enumerate().any(|(i, w)| {
        w == b"\x1b[?"
            && reply[i + 3..]
                .iter()
                .find(|b| !(b.is_ascii_digit() || **b == b';'))
                .is_some_and(|&b| b == b'c')
    })
}

/// Asks the terminal on stdin/stdout for its background colour; `None` without an answer
/// within `TIMEOUT`. Raw mode is on only while asking.
pub fn ask_terminal() -> Option<Rgb> {
    use std::io::Write;
    use std::os::fd::AsFd;
    ratatui::crossterm::terminal::enable_raw_mode().ok()?;
    let asked = {
        let mut out = std::io::stdout().lock();
        out.write_all(QUERY).and_then(|()| out.flush()).is_ok()
    };
    let reply = if asked {
        read_reply(std::io::stdin().as_fd(), TIMEOUT)
    } else {
        Vec::new()
    };
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    parse_osc11(&reply)
}

/// Reads what the terminal answers until the device attributes arrive or `timeout` passes,
/// straight from the descriptor (no buffer keeps any of it).
fn read_reply(fd: std::os::fd::BorrowedFd<'_>, timeout: Duration) -> Vec<u8> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let deadline = Instant::now() + timeout;
    let mut reply = Vec::new();
    let mut chunk = [0u8; 256];
    while !has_attributes(&reply) && reply.len() < 4096 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let wait = left.clamp(Duration::from_millis(1), Duration::from_secs(1));
        let Ok(wait) = Timespec::try_from(wait) else {
            break;
        };
        let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
        match poll(&mut fds, Some(&wait)) {
            Err(rustix::io::Errno::INTR) => continue,
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        match rustix::io::read(fd, &mut chunk[..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => reply.extend_from_slice(&chunk[..n]),
        }
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc11_replies_in_every_form() {
        let white = Some(Rgb(255, 255, 255));
        assert_eq!(parse_osc11(b"\x1b]11;rgb:ffff/ffff/ffff\x07"), white);
        assert_eq!(parse_osc11(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\"), white);
        assert_eq!(parse_osc11(b"\x1b]11;rgb:ff/ff/ff\x07"), white);
        assert_eq!(
            parse_osc11(b"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?64;1;9c"),
            Some(Rgb(0, 0, 0))
        );
        assert_eq!(
            parse_osc11(b"\x1b]11;rgb:1e1e/2020/2828\x07"),
            Some(Rgb(0x1e, 0x20, 0x28))
        );
        assert_eq!(
            parse_osc11(b"\x1b]11;rgba:fdfd/f6f6/e3e3/ffff\x07"),
            Some(Rgb(0xfd, 0xf6, 0xe3))
        );
        assert_eq!(
            parse_osc11(b"\x1b]11;rgb:f/8/0\x07"),
            Some(Rgb(255, 136, 0))
        );
        // Only the attributes: a terminal that ignores OSC 11.
        assert_eq!(parse_osc11(b"\x1b[?1;2c"), None);
        // Unterminated, or not a colour.
        assert_eq!(parse_osc11(b"\x1b]11;rgb:ffff/ffff/ffff"), None);
        assert_eq!(parse_osc11(b"\x1b]11;?\x07"), None);
        assert_eq!(parse_osc11(b"\x1b]11;rgb:ffff/ffff\x07"), None);
        assert_eq!(parse_osc11(b"\x1b]11;rgb:fffff/0/0\x07"), None);
    }

    #[test]
    fn light_or_dark_by_luminance() {
        assert_eq!(background_of(Rgb(255, 255, 255)), Background::Light);
        assert_eq!(background_of(Rgb(0xfd, 0xf6, 0xe3)), Background::Light);
        assert_eq!(background_of(Rgb(0, 0, 0)), Background::Dark);
        assert_eq!(background_of(Rgb(0x30, 0x0a, 0x24)), Background::Dark);
    }

    #[test]
    fn colorfgbg_forms() {
        assert_eq!(parse_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(parse_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(parse_colorfgbg("0;default;15"), Some(Background::Light));
        assert_eq!(parse_colorfgbg("0;7"), Some(Background::Light));
        assert_eq!(parse_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(parse_colorfgbg("default;default"), None);
        assert_eq!(parse_colorfgbg(""), None);
    }

    #[test]
    fn the_terminal_first_then_colorfgbg_then_dark() {
        let white = || Some(Rgb(255, 255, 255));
        let silent = || None;
        assert_eq!(
            background(ThemeSetting::Auto, white, Some("15;0")),
            Background::Light
        );
        assert_eq!(
            background(ThemeSetting::Auto, silent, Some("0;15")),
            Background::Light
        );
        assert_eq!(
            background(ThemeSetting::Auto, silent, Some("default;default")),
            Background::Dark
        );
        assert_eq!(
            background(ThemeSetting::Auto, silent, None),
            Background::Dark
        );
        // A forced theme never asks.
        let never = || -> Option<Rgb> { panic!("asked the terminal") };
        assert_eq!(
            background(ThemeSetting::Light, never, Some("15;0")),
            Background::Light
        );
    }

    #[test]
    fn the_flag_then_the_environment_then_the_config() {
        use ThemeSetting::{Auto, Dark, Light};
        let ok = |flag, env, config| setting(flag, env, config).ok();
        assert_eq!(ok(None, None, None), Some(Auto));
        assert_eq!(ok(None, Some("LIGHT"), None), Some(Light));
        assert_eq!(ok(Some(Dark), Some("light"), Some(Light)), Some(Dark));
        assert_eq!(ok(None, Some("dark"), Some(Light)), Some(Dark));
        assert_eq!(ok(None, None, Some(Light)), Some(Light));
        assert_eq!(ok(None, Some(""), Some(Light)), Some(Light));
        assert!(
            matches!(
                setting(None, Some("sepia"), None),
                Err(Error::BadTheme { value }) if value == "sepia"
            ),
            "a theme that is not one was taken"
        );
    }

    #[test]
    fn the_attributes_end_the_wait() {
        assert!(has_attributes(b"\x1b]11;rgb:0/0/0\x07\x1b[?62;22c"));
        assert!(has_attributes(b"\x1b[?1;2c"));
        assert!(!has_attributes(b"\x1b[?1;2"));
        assert!(!has_attributes(b"\x1b]11;rgb:0/0/0\x07"));
    }
}
