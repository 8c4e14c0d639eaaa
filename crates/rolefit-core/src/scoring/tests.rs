use super::*;

fn builtin() -> Framework {
    crate::testing::builtin()
}

/// A sheet with one level per area, in area order (None leaves the area unrated).
pub(crate) fn by_area(framework: &Framework, per_area: &[Option<u8>]) -> RatingSheet {
    RatingSheet::from_levels(
        framework
            .competencies
            .iter()
            .map(|c| per_area[c.area].and_then(Level::new))
            .collect(),
    )
}

#[test]
fn coverage_and_provisional() {
    let fw = builtin();
    let pm = fw.profile_index("pm").unwrap();
    let required_pm = (0..fw.competencies.len())
        .filter(|&c| required(&fw, pm, c))
        .count();
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    let none = readiness(&fw, &sheet, pm);
    assert_eq!(
        (none.percent, none.rated, none.required),
        (None, 0, required_pm)
    );
    // One competency at target shows 100%, but on 1 of n it is provisional.
    let dp1 = fw.competency_index(&"DP1".into()).unwrap();
    sheet.set(dp1, Level::new(4));
    let one = readiness(&fw, &sheet, pm);
    assert_eq!((one.percent, one.rated), (Some(100.0), 1));
    assert!(one.provisional());
    // Half coverage is no longer provisional.
    let half = required_pm.div_ceil(2);
    let mut rated = 0;
    for c in 0..fw.competencies.len() {
        if required(&fw, pm, c) && rated < half {
            sheet.set(c, Level::new(1));
            rated += 1;
        }
    }
    let r = readiness(&fw, &sheet, pm);
    assert_eq!(r.rated, half);
    assert!(!r.provisional());
    // A complete figure ranks above a provisional one, however high.
    assert!(r.rank_key() > one.rank_key());
}

#[test]
fn not_required_competencies_do_not_count() {
    let fw = builtin();
    let pm = fw.profile_index("pm").unwrap();
    // The PM role weights capability development and framework design None.
    let sheet = by_area(&fw, &[None, None, None, None, None, Some(0), Some(0)]);
    let r = readiness(&fw, &sheet, pm);
    assert_eq!((r.percent, r.rated), (None, 0));
}

#[test]
fn over_target_ratings_do_not_raise_readiness() {
    let fw = builtin();
    let pm = fw.profile_index("pm").unwrap();
    let dp1 = fw.competency_index(&"DP1".into()).unwrap();
    let dp5 = fw.competency_index(&"DP5".into()).unwrap(); // PM target 2
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    sheet.set(dp1, Level::new(2));
    sheet.set(dp5, Level::new(2));
    let at_target = readiness(&fw, &sheet, pm).percent.unwrap();
    sheet.set(dp5, Level::new(5));
    assert_eq!(readiness(&fw, &sheet, pm).percent.unwrap(), at_target);
    assert!((at_target - 100.0 * 4.0 / 6.0).abs() < 1e-9);
}

#[test]
fn area_levels_average_rated_competencies_only() {
    let fw = builtin();
    let mut sheet = RatingSheet::from_levels(vec![None; fw.competencies.len()]);
    let empty = area_levels(&fw, &sheet, 0);
    assert_eq!(empty.level, None);
    assert!((empty.targets[0] - 3.6).abs() < 1e-9);
    assert!((empty.targets[1] - 2.4).abs() < 1e-9);
    sheet.set(0, Level::new(5));
    sheet.set(1, Level::new(2));
    let two = area_levels(&fw, &sheet, 0);
    assert_eq!(two.level, Some(3.5));
    assert_eq!(two.targets, [4.0, 2.0]);
    assert_eq!(two.rated, 2);
}

#[test]
fn bands_and_gaps() {
    let l = |v| Level::new(v).unwrap();
    assert_eq!(Band::of(l(1), l(4)), Band::Gap);
    assert_eq!(Band::of(l(3), l(4)), Band::TopUp);
    assert_eq!(Band::of(l(4), l(4)), Band::Meets);
    assert_eq!(Band::of(l(5), l(4)), Band::Strength);
    assert_eq!(gap(l(5), l(4)), 0);
    assert_eq!(gap(l(1), l(4)), 3);
    assert_eq!(delta(l(1), l(4)), -3);
}

#[test]
fn gaps_sort_largest_first_and_strengths_last() {
    let fw = builtin();
    let pmo = fw.profile_index("pmo").unwrap();
    let sheet = by_area(&fw, &[Some(5), None, None, None, None, Some(1), None]);
    let rows = gaps(&fw, &sheet, pmo);
    assert_eq!(rows.len(), 5 + 4);
    assert!(rows.windows(2).all(|w| w[0].gap >= w[1].gap));
    assert_eq!(rows[0].band, Band::Gap);
    assert_eq!(rows.last().unwrap().band, Band::Strength);
}
