use super::*;

#[test]
fn long_lines_wrap_at_words_keeping_their_indent_and_a_prompt_is_left_as_it_is() {
    let mut out = Vec::new();
    {
        let mut wrap = WordWrap::new(&mut out, 24);
        write!(
                wrap,
                "Turning goals into deliverables and criteria.\n  3 Independent: Agrees scope with a sponsor.\nshort\n0-5 or q: "
            )
            .unwrap();
        wrap.flush().unwrap();
    }
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "Turning goals into\ndeliverables and\ncriteria.\n  3 Independent: Agrees\n    scope with a\n    sponsor.\nshort\n0-5 or q: "
    );
    assert!(text.lines().all(|l| l.chars().count() <= 24));
}
