# SPDX-License-Identifier: MIT
"""privacy_figures: no figure drawn from fewer than MIN people in a report
or on the Impact panel. The people of every slice are counted here with
sqlite3, from the tables, by the README's rule ("Privacy: no figure about
fewer than min_group people"), independently of csrdesk's C code.

privacy_figures.py DB FROM TO reports DIR SCOPE     DIR/SCOPE.{csv,txt,md,html}
privacy_figures.py DB FROM TO panel FILE KIND VALUE CSV
                                                    a screen of the Impact panel (CSV:
                                                    a report, for the category titles)
privacy_figures.py DB FROM TO b4si FILE SCOPE       the B4SI CSV, when there is one
privacy_figures.py DB FROM TO refused KIND VALUE    exit 0 when the scope is too small

SCOPE is "all" or "team:NAME"; KIND all, site, team or category. Exit 1
with the reason on stderr when a figure shows what it must not."""
import csv
import html
import os
import re
import sqlite3
import sys

MIN = 5


class Slices:
    """The people and the approved minutes of every slice of one scope."""

    def __init__(self, db, lo, hi, kind, value):
        self.db, self.lo, self.hi, self.kind, self.value = db, lo, hi, kind, value
        who = self.rows(
            "SELECT i.category, s.volunteer_id FROM initiative i"
            " JOIN signup s ON s.initiative_id = i.id WHERE i.starts_at >= ? AND i.starts_at < ?"
            " AND i.status <> 'cancelled' AND s.status <> 'cancelled' AND VOL(s.volunteer_id)"
            " UNION SELECT i.category, h.volunteer_id FROM hours h"
            " LEFT JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'"
            " AND h.worked_on >= ? AND h.worked_on < ? AND VOL(h.volunteer_id)", 2)
        self.category_people = {}
        for cat, _ in who:
            if kind != 'category' or cat == value:
                self.category_people[cat] = self.category_people.get(cat, 0) + 1
        self.category_minutes = dict(self.rows(
            "SELECT i.category, SUM(h.minutes) FROM hours h"
            " LEFT JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'"
            " AND h.worked_on >= ? AND h.worked_on < ? AND VOL(h.volunteer_id) CAT(i.category)"
            " GROUP BY 1", 1))
        self.team_people = dict(db.execute(
            "SELECT team, COUNT(*) FROM volunteer v WHERE active = 1 AND " + self.vol_match()
            + " GROUP BY team", self.vol_args()))
        self.team_minutes = dict(self.rows(
            "SELECT v.team, SUM(h.minutes) FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
            " LEFT JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'"
            " AND h.worked_on >= ? AND h.worked_on < ? AND VOL(h.volunteer_id) CAT(i.category)"
            " GROUP BY 1", 1))
        self.initiative_people = {}
        for title, n in self.rows(
                "SELECT i.title, COUNT(DISTINCT h.volunteer_id) FROM hours h"
                " JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'"
                " AND h.worked_on >= ? AND h.worked_on < ? AND VOL(h.volunteer_id)"
                " CAT(i.category) GROUP BY i.id", 1):
            self.initiative_people[title] = max(n, self.initiative_people.get(title, 0))
        self.raters = self.rows(
            "SELECT COUNT(DISTINCT f.volunteer_id) FROM initiative i"
            " JOIN feedback f ON f.initiative_id = i.id WHERE i.starts_at >= ?"
            " AND i.starts_at < ? AND VOL(f.volunteer_id) CAT(i.category)", 1)[0][0]
        if kind in ('site', 'team'):
            self.people = db.execute("SELECT COUNT(*) FROM volunteer v WHERE active = 1 AND "
                                     + self.vol_match(), self.vol_args()).fetchone()[0]
        elif kind == 'category':
            self.people = self.category_people.get(value, 0)
        else:
            self.people = db.execute(
                "SELECT COUNT(*) FROM volunteer WHERE active = 1").fetchone()[0]

    def vol_match(self):
        return {'site': 'v.site = ?', 'team': 'v.team = ?'}.get(self.kind, '1')

    def vol_args(self):
        return (self.value,) if self.kind in ('site', 'team') else ()

    def rows(self, sql, periods):
        """sql with VOL(col) (the volunteer in scope, active or not) and
        CAT(col) (the category under a category scope); each of its periods
        parts binds lo, hi, then the scope's value where it needs it."""
        sql = re.sub(r'VOL\(([\w.]+)\)', lambda m: m.group(1) + (
            ' IN (SELECT id FROM volunteer v WHERE ' + self.vol_match() + ')'
            if self.kind in ('site', 'team') else ' IS NOT NULL'), sql)
        sql = re.sub(r'CAT\(([\w.]+)\)', lambda m: 'AND ' + m.group(1) + ' = ?'
                     if self.kind == 'category' else '', sql)
        per = sql.count('?') // periods
        args = ([self.lo, self.hi] + [self.value] * (per - 2)) * periods
        return self.db.execute(sql, args).fetchall()

    def small_categories(self):
        return {c for c, n in self.category_people.items() if c is not None and n < MIN}

    def untied_small(self):
        return 0 < self.category_people.get(None, 0) < MIN


def config_areas():
    """{category: issue_area} of the shipped config the test runs with."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data',
                        'csrdesk.conf')
    text = re.sub(r'#[^\n]*', '', open(path, encoding='utf-8').read())
    areas = {}
    for chunk in re.split(r'\bcategory\s+', text)[1:]:
        key = re.match(r'"([^"]+)"', chunk)
        area = re.search(r'issue_area\s*=\s*"([^"]*)"', chunk)
        if key:
            areas[key.group(1)] = area.group(1) if area else ''
    return areas


def check_b4si_areas(path, db, lo, hi):
    """The issue areas are category slices: no area's hours from fewer than
    MIN people, and never exactly one hidden (the hours tied to no
    initiative, not listed, count as hidden when of too few people)."""
    areas = config_areas()
    people, minutes = {}, {}
    for volunteer, category, mins in db.execute(
            "SELECT h.volunteer_id, i.category, SUM(h.minutes) FROM hours h"
            " LEFT JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'"
            " AND h.worked_on >= ? AND h.worked_on < ? GROUP BY 1, 2", (lo, hi)):
        key = areas.get(category, '') if category else None
        people.setdefault(key, set()).add(volunteer)
        minutes[key] = minutes.get(key, 0) + mins
    lines = open(path, encoding='utf-8-sig').read().splitlines()
    start = lines.index('section,issue_areas') + 2
    hidden = [None] if 0 < len(people.get(None, ())) < MIN else []
    shown = 0
    for row in csv.reader(lines[start:]):
        if not row:
            break
        key, hours = row[0], row[3]
        if hours == '':
            hidden.append(key)
        elif len(people.get(key, ())) < MIN:
            fail(f'{path}: issue area {key!r} shows {hours} h of {len(people.get(key, ()))} people')
        shown += 1
    if len([k for k in hidden if minutes.get(k, 0) > 0]) == 1:
        fail(f'{path}: exactly one hidden slice ({hidden}): the total minus the others gives it')
    if shown == 0:
        fail(f'{path}: no issue area rows read')


def fail(why):
    print('privacy_figures: ' + why, file=sys.stderr)
    sys.exit(1)


def titles_by_key(path):
    """The category keys and titles, from the report's CSV."""
    rows, current, keys = list(csv.reader(open(path, encoding='utf-8-sig').read().splitlines())), None, {}
    for row in rows:
        if row[:1] == ['section']:
            current = row[1]
        elif current == 'categories' and row and row[0] and row[0] != 'category':
            keys[row[1]] = row[0]
    return keys


def check_csv(path, s):
    rows = list(csv.reader(open(path, encoding='utf-8-sig').read().splitlines()))
    sections, current = {}, None
    for row in rows:
        if row[:1] == ['section']:
            current = row[1]
            sections[current] = []
        elif row and current:
            sections[current].append(row)
    totals = dict(r[:2] for r in sections['totals'][1:])
    if s.raters < MIN and (totals['average_rating'] or totals['ratings']):
        fail(f'{path}: the rating of {s.raters} people is shown')
    if s.raters < MIN and sections.get('comments', [None])[1:]:
        fail(f'{path}: comments of {s.raters} raters are shown')
    hidden_with_hours = 0
    listed = set()
    for row in sections['categories'][1:]:
        key = row[0] or None
        listed.add(key)
        people = s.category_people.get(key, 0)
        # A row of nobody (0 h) is about no one; 1 to MIN - 1 people is too few.
        if row[2] != '' and people < MIN and (people > 0 or float(row[2]) != 0):
            fail(f'{path}: category {key or "(none)"} of {people} people shows hours {row[2]}')
        if row[2] == '' and s.category_minutes.get(key, 0) > 0:
            hidden_with_hours += 1
    hidden_with_hours += sum(1 for k, m in s.category_minutes.items() if m > 0 and k not in listed)
    if hidden_with_hours == 1:
        fail(f'{path}: one hidden category could be worked out from the total')
    for key in sections['months'][0][2:]:
        if s.category_people.get(key, 0) < MIN:
            fail(f'{path}: the months show category {key} of too few people')
    for row in sections['top_initiatives'][1:]:
        if s.initiative_people.get(row[2], 0) < MIN:
            fail(f'{path}: initiative {row[2]!r} of {s.initiative_people.get(row[2], 0)} people ranked')
    shown_teams = [r[1] for r in sections.get('top_teams', [[]])[1:]]
    for team in shown_teams:
        if s.team_people.get(team, 0) < MIN:
            fail(f'{path}: team {team!r} of {s.team_people.get(team, 0)} people ranked')
    with_hours = [t for t, m in s.team_minutes.items() if m > 0]
    if 'top_teams' in sections and len(with_hours) <= 10 and len(with_hours) - len(shown_teams) == 1:
        fail(f'{path}: one hidden team could be worked out from the total')


def text_sections(path):
    """{heading: [[cell, ...], ...]} of the text report."""
    lines = open(path, encoding='utf-8').read().splitlines()
    out, current = {}, None
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and lines[i + 1] and set(lines[i + 1]) == {'-'} and line:
            current = line
            out[current] = []
        elif current and current.startswith('Hours and impact') and line.startswith('  '):
            out[current].append([line[2:30].strip(), line[30:39].strip()])
        elif current and (m := re.match(r'^ +(\d+)\. (.+?) +([\d,.]+) h$', line)):
            out[current].append([m.group(1), m.group(2), m.group(3)])
    return out


def md_sections(path):
    out, current = {}, None
    for line in open(path, encoding='utf-8').read().splitlines():
        if line.startswith('## '):
            current = line[3:]
            out[current] = []
        elif current and line.startswith('|') and not line.startswith('|--'):
            cells = re.split(r'(?<!\\)\|', line)[1:-1]
            out[current].append([re.sub(r'\\(.)', r'\1', c.strip()) for c in cells])
    return out


def html_sections(path):
    text = open(path, encoding='utf-8').read()
    out = {}
    for part in text.split('<h2>')[1:]:
        heading = html.unescape(part[:part.index('</h2>')])
        out[heading] = [[html.unescape(re.sub('<[^>]*>', '', c)) for c in
                         re.findall(r'<t[dh][^>]*>(.*?)</t[dh]>', row)]
                        for row in re.findall(r'<tr>(.*?)</tr>', part)]
    return out, text


def check_tables(path, sections, s, keys, ranked_at):
    """Category rows [title, hours, ...]; ranked rows with the name at
    ranked_at."""
    small = {t for t, k in keys.items() if k in s.small_categories()}
    for heading, rows in sections.items():
        if heading.startswith('Hours and impact by category'):
            for row in rows:
                if row[0] in small and row[1] not in ('-', 'Hours'):
                    fail(f'{path}: category {row[0]!r} of too few people shows hours {row[1]}')
                if row[0] == 'Not tied to an initiative' and s.untied_small():
                    fail(f'{path}: the hours tied to no initiative of too few people are shown')
        elif heading.startswith('Top initiatives'):
            for row in rows[1 if path.endswith(('md', 'html')) else 0:]:
                name = row[ranked_at]
                if s.initiative_people.get(name, 0) < MIN:
                    fail(f'{path}: initiative {name!r} of too few people is ranked')
        elif heading.startswith('Top teams'):
            for row in rows[1 if path.endswith(('md', 'html')) else 0:]:
                name = row[ranked_at]
                if name != '(no team)' and s.team_people.get(name, 0) < MIN:
                    fail(f'{path}: team {name!r} of too few people is ranked')
    if s.raters < MIN and any(h.startswith('What volunteers said') for h in sections):
        fail(f'{path}: comments of {s.raters} raters are shown')


def check_reports(directory, scope, s):
    base = f'{directory}/{scope}'
    check_csv(base + '.csv', s)
    keys = titles_by_key(base + '.csv')
    check_tables(base + '.txt', text_sections(base + '.txt'), s, keys, 1)
    check_tables(base + '.md', md_sections(base + '.md'), s, keys, 1)
    sections, text = html_sections(base + '.html')
    check_tables(base + '.html', sections, s, keys, 1)
    for title, key in keys.items():  # the charts' bars: "Title: 12 h"
        if key in s.small_categories() and re.search(
                re.escape(html.escape(title, quote=True)) + r': [\d,.]+ h', text):
            fail(f'{base}.html: a chart shows hours of category {title!r} of too few people')
    rating = open(base + '.txt', encoding='utf-8').read().split('Average rating')[1]
    if s.raters < MIN and re.search(r'\d+ respons', rating.split('\n')[0]):
        fail(f'{base}.txt: the rating of {s.raters} people is shown')


PANEL_SECTIONS = ('Impact and goals', 'Hours by category', 'Hours by month',
                  'Top teams by hours', 'Top initiatives by hours')


def check_panel(path, s, titles):
    """titles: category key -> title, for the chart's labels."""
    lines = open(path, encoding='utf-8').read().splitlines()
    if s.kind != 'all' and s.people < MIN:
        if not any('figures are shown for groups of 5 or more' in l for l in lines):
            fail(f'{path}: no suppression notice for a scope of {s.people} people')
        if any(re.match(r'^\s*(Participation|Hours by category|Top teams)', l) for l in lines):
            fail(f'{path}: figures shown for a scope of {s.people} people')
        return
    section, shown_bars, seen_hidden_note = None, 0, False
    small_titles = {titles.get(k, k) for k in s.small_categories()}
    for line in lines:
        text = line.strip()
        if 'figures hidden: fewer than 5 people' in line or 'figure hidden: fewer than 5' in line:
            seen_hidden_note = True
        if text in PANEL_SECTIONS:
            section = text
            continue
        m = re.match(r'^\s*(.+?)\s{2,}([\d,.]+) h\b', line)
        if text.startswith('Rating') and s.raters < MIN and re.search(r'of 5 \(\d+ respons', line):
            fail(f'{path}: the rating of {s.raters} people is shown')
        if not m or section is None:
            continue
        label = m.group(1)
        if section == 'Hours by category':
            if label in small_titles:
                fail(f'{path}: category {label!r} of too few people has a bar')
            if label == 'No initiative' and s.untied_small():
                fail(f'{path}: hours tied to no initiative of too few people have a bar')
            shown_bars += m.group(2).strip('0.,') != ''
        elif section == 'Top teams by hours' and label != '(no team)':
            if s.team_people.get(label, 0) < MIN:
                fail(f'{path}: team {label!r} of {s.team_people.get(label, 0)} people ranked')
        elif section == 'Top initiatives by hours':
            full = [t for t in s.initiative_people if t == label or
                    (label.endswith('…') and t.startswith(label[:-1]))]
            if not full or max(s.initiative_people[t] for t in full) < MIN:
                fail(f'{path}: initiative {label!r} of too few people ranked')
    with_hours = sum(1 for m in s.category_minutes.values() if m > 0)
    if with_hours - shown_bars == 1:
        fail(f'{path}: one hidden category could be worked out from the total')
    if with_hours - shown_bars > 0 and not seen_hidden_note:
        fail(f'{path}: figures are hidden but the panel does not say so')


def main():
    db = sqlite3.connect(sys.argv[1])
    lo, hi, what = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if what == 'reports':
        scope = sys.argv[6]
        kind, value = ('team', scope[5:]) if scope.startswith('team:') else ('all', '')
        check_reports(sys.argv[5], scope, Slices(db, lo, hi, kind, value))
    elif what == 'panel':
        titles = {k: t for t, k in titles_by_key(sys.argv[8]).items()}
        check_panel(sys.argv[5], Slices(db, lo, hi, sys.argv[6], sys.argv[7]), titles)
    elif what == 'b4si':
        s = Slices(db, lo, hi, 'all', '')
        text = open(sys.argv[5], encoding='utf-8-sig').read()
        for team, n in s.team_people.items():
            if n < MIN and team and re.search(r'(^|[,;"])' + re.escape(team) + r'([,;"]|$)', text, re.M):
                fail(f'{sys.argv[5]}: names team {team!r} of {n} people')
        check_b4si_areas(sys.argv[5], db, lo, hi)
    elif what == 'refused':
        s = Slices(db, lo, hi, sys.argv[5], sys.argv[6])
        sys.exit(0 if s.people < MIN else 1)


if __name__ == '__main__':
    main()
