-- SPDX-License-Identifier: MIT
-- csrdesk demo data: a call center with two sites, five teams and nine partner
-- NGOs, over the last 12 months and the coming 2. Every time is relative to
-- now, so the demo always looks current. Run by csr_demo_populate inside one
-- BEGIN IMMEDIATE transaction, on an empty database only (ids are explicit).
--
-- Categories and metrics are the defaults of data/csrdesk.conf:
--   education (mentees), health (blood, raised), environment (trees,
--   recycled), community (meals, raised, cash, inkind).
--
-- Rules kept (tests/unit/test_demo.c checks them): no volunteer holds two
-- confirmed or attended places on overlapping initiatives, never more places
-- than capacity, one live place per volunteer and initiative, feedback and
-- hours only from volunteers who attended.

-- The NGOs the call center works with.
INSERT INTO partner (id, name, contact, email, phone, website, notes) VALUES
	(1, 'Bright Futures Mentoring Foundation', 'Daniela Costa',
	 'daniela.costa@brightfutures.example', '+49 30 5550 1101', 'https://brightfutures.example',
	 'Mentoring and career guidance for 15-19 year olds from disadvantaged neighbourhoods. Mentors need a background check.'),
	(2, 'Regional Blood Transfusion Service', 'Dr. Henrik Aalto',
	 'mobile-units@bloodservice.example', '+49 30 5550 1202', 'https://bloodservice.example',
	 'Book the mobile unit 8 weeks ahead. Donors 18-65, bring ID and eat breakfast.'),
	(3, 'St. Luke''s Hospital Foundation', 'Margit Szabó',
	 'fundraising@stlukes-foundation.example', '+49 30 5550 1303', 'https://stlukes-foundation.example',
	 'Raising funds for the children''s ward playroom and a neonatal monitor.'),
	(4, 'Harbour Food Bank', 'Samuel Osei',
	 'volunteers@harbourfoodbank.example', '+49 30 5550 1404', 'https://harbourfoodbank.example',
	 'Warehouse at Dock Road 14. Closed-toe shoes required; no more than 16 helpers per shift.'),
	(5, 'Green Canopy Tree Association', 'Inés Villanueva',
	 'plant@greencanopy.example', '+49 30 5550 1505', 'https://greencanopy.example',
	 'Provides saplings, spades and gloves. Needs the head count a week ahead.'),
	(6, 'ReCircle Recycling Cooperative', 'Pieter Janssens',
	 'hello@recircle.example', '+49 30 5550 1606', 'https://recircle.example',
	 'Collects e-waste, batteries and textiles; weighs everything and sends a certificate.'),
	(7, 'City Run for Good', 'Katrin Vogel',
	 'crew@cityrunforgood.example', '+49 30 5550 1707', 'https://cityrunforgood.example',
	 'Charity 10 km run; all registration fees go to the children''s hospice.'),
	(8, 'Silver Surfers Digital Club', 'Walter Brandt',
	 'club@silversurfers.example', '+49 30 5550 1808', 'https://silversurfers.example',
	 'Digital skills for seniors at the Elm Street library. One helper per two learners.'),
	(9, 'Northside Primary School PTA', 'Yasmin Rahman',
	 'pta@northside-primary.example', '+49 30 5550 1909', 'https://northside-primary.example',
	 'About a third of pupils qualify for free school meals.');

-- The volunteers: five teams across two sites. Three have left the company
-- (active = 0) and keep their history; seven joined in the last two months.
WITH v (id, employee_id, name, team, site, mail, skills, unix_user, active, days_ago) AS (VALUES
	(1, 'E1001', 'Jürgen Müller', 'Inbound Care', 'Riverside', 'juergen.mueller', 'German, English, first aid', 'jmueller', 1, 449),
	(2, 'E1002', 'Ionuț Țăranu', 'Outbound Sales', 'Old Town', 'ionut.taranu', 'Romanian, Italian, driving licence', 'itaranu', 1, 448),
	(3, 'E1003', 'Zoë Nakamura', 'Tech Support', 'Riverside', 'zoe.nakamura', 'Japanese, English, Python', NULL, 1, 447),
	(4, 'E1004', 'Siobhán O''Connor', 'Quality & Training', 'Old Town', 'siobhan.oconnor', 'coaching, public speaking, Irish', 'soconnor', 1, 446),
	(5, 'E1005', 'Łukasz Wróbel', 'Tech Support', 'Old Town', 'lukasz.wrobel', 'Polish, networking, first aid', 'lwrobel', 1, 445),
	(6, 'E1006', 'José Ramírez', 'Outbound Sales', 'Riverside', 'jose.ramirez', 'Spanish, event logistics', 'jramirez', 1, 444),
	(7, 'E1007', 'Aïcha Benali', 'Inbound Care', 'Old Town', 'aicha.benali', 'French, Arabic, mentoring', NULL, 1, 443),
	(8, 'E1008', 'Nguyễn Văn An', 'Tech Support', 'Riverside', 'an.nguyen', 'Vietnamese, hardware repair', NULL, 1, 442),
	(9, 'E1009', 'Søren Kierkegård', 'Back Office', 'Riverside', 'soren.kierkegard', 'Danish, bookkeeping', NULL, 1, 441),
	(10, 'E1010', 'Ana-María García', 'Back Office', 'Old Town', 'anamaria.garcia', 'Spanish, Catalan, fundraising', 'amgarcia', 1, 440),
	(11, 'E1011', 'Chloé Dubois', 'Inbound Care', 'Riverside', 'chloe.dubois', 'French, first aid', NULL, 1, 439),
	(12, 'E1012', 'Björn Ólafsson', 'Tech Support', 'Old Town', 'bjorn.olafsson', 'Icelandic, Linux, driving licence', 'bolafsson', 1, 438),
	(13, 'E1013', 'Tomáš Dvořák', 'Outbound Sales', 'Riverside', 'tomas.dvorak', 'Czech, Slovak, forklift licence', NULL, 1, 437),
	(14, 'E1014', 'Şebnem Yılmaz', 'Quality & Training', 'Riverside', 'sebnem.yilmaz', 'Turkish, training design', NULL, 1, 436),
	(15, 'E1015', '王芳 (Wang Fang)', 'Back Office', 'Old Town', 'fang.wang', 'Mandarin, Excel, data entry', NULL, 1, 435),
	(16, 'E1016', 'Priya Raghunathan', 'Tech Support', 'Riverside', 'priya.raghunathan', 'Tamil, Hindi, teaching seniors', 'praghunathan', 1, 434),
	(17, 'E1017', 'Mateus Gonçalves', 'Outbound Sales', 'Old Town', 'mateus.goncalves', 'Portuguese, photography', NULL, 1, 433),
	(18, 'E1018', 'Ελένη Παπαδοπούλου', 'Inbound Care', 'Riverside', 'eleni.papadopoulou', 'Greek, English, nursing background', NULL, 1, 432),
	(19, 'E1019', 'Олена Коваленко', 'Back Office', 'Riverside', 'olena.kovalenko', 'Ukrainian, Russian, accounting', NULL, 1, 431),
	(20, 'E1020', 'Kwame Mensah', 'Outbound Sales', 'Riverside', 'kwame.mensah', 'English, Twi, football coaching', NULL, 1, 430),
	(21, 'E1021', 'Fatima Zahra El Idrissi', 'Inbound Care', 'Old Town', 'fatimazahra.elidrissi', 'Arabic, French', NULL, 0, 429),
	(22, 'E1022', 'Giulia Ferraro', 'Quality & Training', 'Old Town', 'giulia.ferraro', 'Italian, CV coaching', NULL, 1, 428),
	(23, 'E1023', 'Matthias Schäfer', 'Back Office', 'Riverside', 'matthias.schaefer', 'German, procurement, van driving licence', 'mschaefer', 1, 427),
	(24, 'E1024', 'Ayşe Demir', 'Inbound Care', 'Old Town', 'ayse.demir', 'Turkish, German', NULL, 1, 426),
	(25, 'E1025', 'Mikael Järvinen', 'Tech Support', 'Old Town', 'mikael.jarvinen', 'Finnish, Swedish, gardening', NULL, 1, 425),
	(26, 'E1026', 'Ingrid Håkansson', 'Quality & Training', 'Riverside', 'ingrid.hakansson', 'Swedish, first aid instructor', NULL, 1, 424),
	(27, 'E1027', 'Dagný Sigurðardóttir', 'Outbound Sales', 'Old Town', 'dagny.sigurdardottir', 'Icelandic, social media', NULL, 1, 423),
	(28, 'E1028', 'Kateřina Nováková', 'Back Office', 'Old Town', 'katerina.novakova', 'Czech, payroll', NULL, 1, 422),
	(29, 'E1029', 'Zsófia Kovács', 'Inbound Care', 'Riverside', 'zsofia.kovacs', 'Hungarian, English', NULL, 1, 421),
	(30, 'E1030', 'Dragoș Popescu', 'Tech Support', 'Riverside', 'dragos.popescu', 'Romanian, electronics', NULL, 1, 420),
	(31, 'E1031', 'Małgorzata Kowalczyk', 'Quality & Training', 'Old Town', 'malgorzata.kowalczyk', 'Polish, mentoring', NULL, 1, 419),
	(32, 'E1032', 'François Lefèvre', 'Outbound Sales', 'Riverside', 'francois.lefevre', 'French, running coach', NULL, 1, 418),
	(33, 'E1033', 'Niamh Ní Bhriain', 'Inbound Care', 'Old Town', 'niamh.nibhriain', 'Irish, English, first aid', NULL, 1, 417),
	(34, 'E1034', 'Ciarán Ó Súilleabháin', 'Tech Support', 'Old Town', 'ciaran.osuilleabhain', 'Irish, networking', NULL, 1, 416),
	(35, 'E1035', 'Rafael Núñez', 'Back Office', 'Riverside', 'rafael.nunez', 'Spanish, logistics', NULL, 1, 415),
	(36, 'E1036', 'João Magalhães', 'Outbound Sales', 'Old Town', 'joao.magalhaes', 'Portuguese, van driving licence', NULL, 1, 414),
	(37, 'E1037', 'Lucía Fernández', 'Quality & Training', 'Riverside', 'lucia.fernandez', 'Spanish, career guidance', NULL, 1, 413),
	(38, 'E1038', 'Mehmet Öztürk', 'Outbound Sales', 'Riverside', 'mehmet.ozturk', 'Turkish, German', NULL, 0, 412),
	(39, 'E1039', 'Amara Okafor', 'Inbound Care', 'Riverside', 'amara.okafor', 'English, Igbo, youth work', NULL, 1, 411),
	(40, 'E1040', 'Chidi Nwosu', 'Tech Support', 'Old Town', 'chidi.nwosu', 'English, Java, first aid', NULL, 1, 410),
	(41, 'E1041', 'Hiroshi Tanaka', 'Back Office', 'Old Town', 'hiroshi.tanaka', 'Japanese, English, archiving', NULL, 1, 409),
	(42, 'E1042', '김민준 (Kim Min-jun)', 'Tech Support', 'Riverside', 'minjun.kim', 'Korean, English, video editing', NULL, 1, 408),
	(43, 'E1043', 'Arjun Mehta', 'Outbound Sales', 'Old Town', 'arjun.mehta', 'Hindi, Gujarati, fundraising', NULL, 1, 407),
	(44, 'E1044', 'Lakshmi Venkataraman', 'Quality & Training', 'Old Town', 'lakshmi.venkataraman', 'Tamil, Telugu, teaching', NULL, 1, 406),
	(45, 'E1045', 'Thabo Nkosi', 'Inbound Care', 'Riverside', 'thabo.nkosi', 'English, Zulu, choir', NULL, 1, 405),
	(46, 'E1046', 'Yusuf Al-Hashimi', 'Back Office', 'Riverside', 'yusuf.alhashimi', 'Arabic, English, warehouse work', NULL, 1, 404),
	(47, 'E1047', 'Leila Haddad', 'Quality & Training', 'Riverside', 'leila.haddad', 'Arabic, French, mentoring', NULL, 1, 403),
	(48, 'E1048', 'Noa Ben-David', 'Inbound Care', 'Old Town', 'noa.bendavid', 'Hebrew, English', NULL, 1, 402),
	(49, 'E1049', 'Marek Novák', 'Tech Support', 'Riverside', 'marek.novak', 'Slovak, Czech, 3D printing', NULL, 1, 401),
	(50, 'E1050', 'Anđela Petrović', 'Outbound Sales', 'Old Town', 'andjela.petrovic', 'Serbian, Croatian', NULL, 1, 400),
	(51, 'E1051', 'Luka Horvat', 'Back Office', 'Old Town', 'luka.horvat', 'Croatian, Italian, carpentry', NULL, 1, 399),
	(52, 'E1052', 'Ivana Kovačević', 'Inbound Care', 'Riverside', 'ivana.kovacevic', 'Croatian, German, first aid', NULL, 1, 398),
	(53, 'E1053', 'Sanna Virtanen', 'Quality & Training', 'Old Town', 'sanna.virtanen', 'Finnish, gardening', NULL, 1, 397),
	(54, 'E1054', 'Emma van den Berg', 'Outbound Sales', 'Riverside', 'emma.vandenberg', 'Dutch, German, cycling', NULL, 1, 396),
	(55, 'E1055', 'Joost de Vries', 'Tech Support', 'Old Town', 'joost.devries', 'Dutch, Linux', NULL, 0, 395),
	(56, 'E1056', 'Sophie Wagner', 'Back Office', 'Riverside', 'sophie.wagner', 'German, event planning', NULL, 1, 394),
	(57, 'E1057', 'Henrik Lindqvist', 'Outbound Sales', 'Old Town', 'henrik.lindqvist', 'Swedish, Norwegian', NULL, 1, 393),
	(58, 'E1058', 'Margarida Araújo', 'Inbound Care', 'Old Town', 'margarida.araujo', 'Portuguese, Spanish, cooking', NULL, 1, 392),
	(59, 'E1059', 'Trần Thị Mai', 'Back Office', 'Old Town', 'mai.tran', 'Vietnamese, French, Excel', NULL, 1, 391),
	(60, 'E1060', 'Ngozi Adeyemi', 'Quality & Training', 'Riverside', 'ngozi.adeyemi', 'English, Yoruba, coaching', NULL, 1, 60),
	(61, 'E1061', 'Oliver Bennett', 'Tech Support', 'Riverside', 'oliver.bennett', 'English, first aid', NULL, 1, 58),
	(62, 'E1062', 'Grace Mwangi', 'Inbound Care', 'Riverside', 'grace.mwangi', 'English, Swahili', NULL, 1, 56),
	(63, 'E1063', 'Carlos Muñoz', 'Outbound Sales', 'Old Town', 'carlos.munoz', 'Spanish, sound engineering', NULL, 1, 54),
	(64, 'E1064', 'Renée Gagnon', 'Quality & Training', 'Old Town', 'renee.gagnon', 'French, English, teaching', NULL, 1, 52),
	(65, 'E1065', 'Bogdan Ștefănescu', 'Back Office', 'Riverside', 'bogdan.stefanescu', 'Romanian, driving licence', NULL, 1, 50),
	(66, 'E1066', 'Agnieszka Zielińska', 'Tech Support', 'Old Town', 'agnieszka.zielinska', 'Polish, German, Excel', NULL, 1, 48)
)
INSERT INTO volunteer (id, employee_id, name, team, site, email, skills, unix_user, active, created_at)
SELECT id, employee_id, name, team, site, mail || '@callcenter.example', skills, unix_user, active,
       unixepoch('now', 'localtime', 'start of day', -days_ago || ' days', '+9 hours', 'utc')
FROM v;

-- Initiatives: 17 in the last 12 months (one cancelled), 7 in the coming two
-- months (one draft, one closed). day is relative to today, hour local time.
-- Only 14 and 15 overlap (same morning, one per site).
WITH t (id, title, category, partner_id, location, day, hour, minutes, capacity, status,
	owner_id, description) AS (VALUES
	(1, 'Bright Futures: mentoring kick-off & career fair', 'education', 1,
	 'Riverside office, Training Room 2', -330, 14, 180, 12, 'done', 4,
	 'Meet the students you will mentor this year, then help at the career fair: 14 local employers, CV corner, ask-me-anything tables.'),
	(2, 'Blood donation drive at Riverside', 'health', 2,
	 'Riverside office car park (mobile unit)', -300, 9, 240, 25, 'done', 1,
	 'The mobile unit parks outside from 9:00. Each donation takes about 45 minutes including the check-up. Eat a good breakfast.'),
	(3, 'Tree planting day at Millbrook Woods', 'environment', 5,
	 'Millbrook Woods, north entrance', -270, 9, 360, 20, 'done', 12,
	 'Planting native oak, beech and hornbeam saplings on the old quarry edge. Tools provided; bring boots and a packed lunch.'),
	(4, 'Charity gala for St. Luke''s children''s ward', 'health', 3,
	 'Grand Hall, Old Town', -240, 18, 240, 15, 'done', 10,
	 'Helpers for reception, the silent auction and the raffle. Goal: the playroom refurbishment and a neonatal monitor.'),
	(5, 'City Run for Good: logistics crew', 'community', 7,
	 'Riverside Park, start/finish area', -210, 7, 360, 20, 'done', 6,
	 'Set up water stations, hand out medals, guide 1,200 runners. High-visibility vests provided.'),
	(6, 'Food bank sorting day', 'community', 4,
	 'Harbour Food Bank, Dock Road 14', -180, 9, 300, 16, 'done', 23,
	 'Sort donated food by type and expiry date and pack family parcels. Closed-toe shoes required.'),
	(7, 'E-waste collection day', 'environment', 6,
	 'Old Town office lobby', -150, 10, 360, 12, 'done', 16,
	 'Neighbours and colleagues bring old laptops, phones and cables; we wipe, weigh and load them for ReCircle.'),
	(8, 'Bright Futures: CV writing workshop', 'education', 1,
	 'Old Town office, Training Room A', -120, 16, 120, 12, 'done', 4,
	 'One-to-one CV reviews with your mentee. Templates and printed examples provided.'),
	(9, 'Blood donation drive at Old Town', 'health', 2,
	 'Old Town office, ground floor', -95, 9, 240, 25, 'cancelled', 1,
	 'Cancelled: the blood service needed the mobile unit for an emergency appeal. Rescheduled for the coming weeks.'),
	(10, 'School supplies drive for Northside Primary', 'community', 9,
	 'Old Town office, Training Room A', -75, 10, 180, 10, 'done', 10,
	 'Pack the donated pens, notebooks and backpacks into kits, one per pupil, and deliver them to the school.'),
	(11, 'Digital skills for seniors: smartphone basics', 'education', 8,
	 'Silver Surfers Club, Elm Street library', -60, 14, 120, 8, 'done', 16,
	 'Help seniors with calls, messages, photos and a bigger font. Patience matters more than technical skills.'),
	(12, 'Bright Futures: mock job interviews', 'education', 1,
	 'Riverside office, meeting rooms 3-6', -45, 16, 150, 12, 'done', 4,
	 'Play the interviewer for two students each, then give them honest, kind feedback.'),
	(13, 'Riverbank clean-up', 'environment', 6,
	 'Riverside Park, boathouse', -30, 9, 240, 20, 'done', 12,
	 'Litter picking along 2 km of the riverbank; ReCircle weighs and sorts what we collect.'),
	(14, 'Blood donation drive: Riverside mobile unit', 'health', 2,
	 'Riverside office car park (mobile unit)', -21, 9, 240, 20, 'done', 1,
	 'Replaces the cancelled Old Town drive, for Riverside colleagues.'),
	(15, 'Tree planting at Northside Primary', 'environment', 5,
	 'Northside Primary, Hill Lane 3', -21, 11, 240, 24, 'done', 12,
	 'A hedge and fruit trees around the new school garden, planted together with the pupils. For Old Town colleagues.'),
	(16, 'Food bank: family hamper packing', 'community', 4,
	 'Harbour Food Bank, Dock Road 14', -14, 13, 300, 16, 'done', 23,
	 'Pack hampers for families referred by social services. Each hamper feeds a family of four for a day.'),
	(17, 'Digital skills for seniors: staying safe online', 'education', 8,
	 'Silver Surfers Club, Elm Street library', -7, 14, 120, 8, 'done', 16,
	 'Spotting phishing messages, strong passwords and safe online banking.'),
	(18, 'Bright Futures: career paths in tech', 'education', 1,
	 'Riverside office, Training Room 2', 5, 16, 120, 10, 'open', 4,
	 'Show your mentee around Tech Support and talk about how you got your job. Full: join the waitlist.'),
	(19, 'Blood donation drive at Old Town', 'health', 2,
	 'Old Town office, ground floor', 12, 9, 240, 25, 'open', 1,
	 'The rescheduled Old Town drive. First-time donors welcome; bring photo ID.'),
	(20, 'City Run for Good: water stations & finish line', 'community', 7,
	 'Riverside Park, start/finish area', 20, 7, 360, 24, 'open', 6,
	 'This year 1,500 runners. We need crews for three water stations and the medal table.'),
	(21, 'Tree planting day at Millbrook Woods', 'environment', 5,
	 'Millbrook Woods, north entrance', 30, 9, 360, 25, 'open', 12,
	 'Second season on the quarry edge: 600 saplings. Tools provided; bring boots and a packed lunch.'),
	(22, 'Battery & e-waste collection week launch', 'environment', 6,
	 'Riverside office lobby', 40, 10, 300, 10, 'closed', 16,
	 'Sign-ups closed: ReCircle can brief only ten helpers for the launch.'),
	(23, 'Digital skills for seniors: video calls with family', 'education', 8,
	 'Silver Surfers Club, Elm Street library', 50, 14, 120, 8, 'draft', 16,
	 'Draft: waiting for the library to confirm the room.'),
	(24, 'Food bank sorting day', 'community', 4,
	 'Harbour Food Bank, Dock Road 14', 55, 9, 300, 16, 'open', 23,
	 'Sort donated food by type and expiry date and pack family parcels. Closed-toe shoes required.')
),
s AS (
	SELECT *, unixepoch('now', 'localtime', 'start of day', day || ' days', hour || ' hours',
			    'utc') AS starts
	FROM t
)
INSERT INTO initiative (id, title, category, description, partner_id, location, starts_at, ends_at,
			capacity, status, owner_id, created_at)
SELECT id, title, category, description, partner_id, location, starts, starts + minutes * 60,
       capacity, status, owner_id, min(starts - 40 * 86400, unixepoch('now', '-30 days'))
FROM s;

-- Goals, per metric of the initiative's category; some met, some not.
INSERT INTO initiative_goal (initiative_id, metric, target) VALUES
	(1, 'mentees', 20), (2, 'blood', 25), (3, 'trees', 500), (4, 'raised', 10000),
	(5, 'raised', 20000), (6, 'meals', 3000), (7, 'recycled', 800), (12, 'mentees', 15),
	(13, 'recycled', 300), (14, 'blood', 20), (15, 'trees', 150), (16, 'meals', 1200),
	(18, 'mentees', 10), (19, 'blood', 25), (20, 'raised', 15000), (21, 'trees', 600),
	(22, 'recycled', 500), (24, 'meals', 2500);

-- Places. places picks that many volunteers per initiative by a permutation
-- of ids 1..66 ((7 id + 13 initiative) mod 66 is one-to-one), then drops
-- those who had not yet joined or had already left. 18 (full, waitlist) and
-- 23 (draft) are handled below.
WITH plan (initiative_id, places, site) AS (VALUES
	(1, 11, NULL), (2, 22, NULL), (3, 18, NULL), (4, 13, NULL), (5, 20, NULL),
	(6, 15, NULL), (7, 10, NULL), (8, 11, NULL), (9, 9, NULL), (10, 9, NULL),
	(11, 8, NULL), (12, 12, NULL), (13, 18, NULL), (14, 40, 'Riverside'),
	(15, 40, 'Old Town'), (16, 16, NULL), (17, 8, NULL), (19, 14, NULL),
	(20, 16, NULL), (21, 11, NULL), (22, 7, NULL), (24, 5, NULL)
),
picked AS (
	SELECT i.id AS initiative_id, i.status, i.starts_at, i.ends_at, v.id AS volunteer_id,
	       min(i.starts_at - (10 + v.id % 14) * 86400,
		   unixepoch('now') - (1 + v.id % 6) * 86400 - v.id * 600) AS at
	FROM plan p
	JOIN initiative i ON i.id = p.initiative_id
	JOIN volunteer v ON (v.id * 7 + i.id * 13) % 66 < p.places
		AND (p.site IS NULL OR v.site = p.site)
		AND v.created_at < i.created_at
		AND (v.active = 1 OR i.starts_at < unixepoch('now', '-100 days'))
)
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
SELECT initiative_id, volunteer_id,
       CASE status
	       WHEN 'done' THEN CASE WHEN (volunteer_id + initiative_id) % 8 = 0 THEN 'no-show'
				     ELSE 'attended' END
	       WHEN 'cancelled' THEN 'cancelled'
	       ELSE 'confirmed' END,
       at,
       CASE status
	       WHEN 'done' THEN ends_at + 3600
	       WHEN 'cancelled' THEN starts_at - 3 * 86400
	       ELSE at END
FROM picked
ORDER BY initiative_id, volunteer_id;

-- Bright Futures: career paths in tech is full: ten confirmed places ...
WITH v (volunteer_id, n) AS (VALUES
	(37, 1), (3, 2), (47, 3), (14, 4), (22, 5), (39, 6), (7, 7), (60, 8), (31, 9), (44, 10)
)
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
SELECT 18, volunteer_id, 'confirmed', unixepoch('now', '-9 days') + n * 5400,
       unixepoch('now', '-9 days') + n * 5400
FROM v ORDER BY n;

-- Some changed their minds: cancelled places stay as history.
WITH c (initiative_id, volunteer_id, days_before) AS (VALUES
	(3, 9, 4), (12, 26, 2), (16, 48, 3), (19, 25, 1), (20, 50, 2)
)
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
SELECT c.initiative_id, c.volunteer_id, 'cancelled', min(i.starts_at - 20 * 86400, unixepoch('now', '-6 days')),
       min(i.starts_at, unixepoch('now')) - c.days_before * 86400
FROM c JOIN initiative i ON i.id = c.initiative_id
WHERE NOT EXISTS (SELECT 1 FROM signup s WHERE s.initiative_id = c.initiative_id
		  AND s.volunteer_id = c.volunteer_id)
ORDER BY c.initiative_id;

-- ... and a waitlist of four, in arrival order (after the confirmed places).
WITH w (volunteer_id, n) AS (VALUES (26, 1), (11, 2), (64, 3), (52, 4))
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
SELECT 18, volunteer_id, 'waitlisted', unixepoch('now', '-2 days') + n * 7200,
       unixepoch('now', '-2 days') + n * 7200
FROM w ORDER BY n;

-- Hours: one entry per attended place, as long as the initiative. Approved
-- by the owner two days later, except last week's, which wait for approval.
INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, decided_by, decided_at,
		   note, created_at)
SELECT s.volunteer_id, i.id,
       unixepoch(i.starts_at, 'unixepoch', 'localtime', 'start of day', 'utc'),
       (i.ends_at - i.starts_at) / 60,
       CASE WHEN i.id = 17 THEN 'pending' ELSE 'approved' END,
       CASE WHEN i.id = 17 THEN NULL ELSE i.owner_id END,
       CASE WHEN i.id = 17 THEN NULL ELSE i.ends_at + 2 * 86400 END,
       '', i.ends_at + 3600 + (s.volunteer_id % 20) * 3600
FROM signup s JOIN initiative i ON i.id = s.initiative_id
WHERE s.status = 'attended'
ORDER BY i.starts_at, s.id;

-- Work done outside an initiative: two pending, one approved.
WITH h (volunteer_id, days_ago, minutes, status, decided_by, note) AS (VALUES
	(4, 3, 90, 'pending', NULL, 'Prepared interview question cards for Bright Futures'),
	(37, 2, 60, 'pending', NULL, 'Reviewed two mentees'' CVs by e-mail'),
	(10, 238, 120, 'approved', 4, 'Counted and banked the gala donations')
)
INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, decided_by, decided_at,
		   note, created_at)
SELECT volunteer_id, NULL,
       unixepoch('now', 'localtime', 'start of day', -days_ago || ' days', 'utc'), minutes,
       status, decided_by,
       CASE WHEN decided_by IS NULL THEN NULL ELSE unixepoch('now', -(days_ago - 2) || ' days') END,
       note, unixepoch('now', -days_ago || ' days', '+20 hours')
FROM h;

-- One entry logged twice for the riverbank clean-up: the copy was rejected.
INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, decided_by, decided_at,
		   note, created_at)
SELECT h.volunteer_id, h.initiative_id, h.worked_on, h.minutes, 'rejected', i.owner_id,
       h.decided_at + 3600, 'Logged twice by mistake', h.created_at + 600
FROM hours h JOIN initiative i ON i.id = h.initiative_id
WHERE h.initiative_id = 13
ORDER BY h.volunteer_id LIMIT 1;

-- Impact, recorded by the owner after the day; some goals met, some missed.
WITH m (initiative_id, metric, value, days_after, note) AS (VALUES
	(1, 'mentees', 18, 1, 'Students enrolled in the mentoring programme'),
	(2, 'blood', 27, 1, '27 donations from colleagues and neighbours, 6 first-time donors'),
	(3, 'trees', 540, 1, 'Oak, beech and hornbeam saplings'),
	(4, 'raised', 6400, 1, 'Ticket sales'),
	(4, 'raised', 4850.5, 5, 'Silent auction and raffle'),
	(5, 'raised', 18400, 3, 'Registration fees and sponsor pledges'),
	(6, 'meals', 3150, 1, '1.9 tonnes of food sorted, about 3,150 meals'),
	(7, 'recycled', 640, 2, 'Laptops, monitors, phones, cables; rain kept visitors away'),
	(8, 'mentees', 14, 1, 'CVs reviewed one-to-one'),
	(10, 'raised', 1240, 1, 'Cash collected for 85 school kits'),
	(12, 'mentees', 16, 1, 'Students interviewed'),
	(13, 'recycled', 342.5, 2, 'Mostly plastic and glass, weighed by ReCircle'),
	(14, 'blood', 17, 1, '17 donations; three donors deferred'),
	(15, 'trees', 160, 1, 'Hedge whips and 12 fruit trees'),
	(16, 'meals', 1280, 1, '320 hampers of four meals each')
)
INSERT INTO impact (initiative_id, metric, value, recorded_by, recorded_at, note)
SELECT m.initiative_id, m.metric, m.value, i.owner_id, i.ends_at + m.days_after * 86400, m.note
FROM m JOIN initiative i ON i.id = m.initiative_id
ORDER BY i.ends_at + m.days_after * 86400;

-- Feedback from about half of those who attended, a few with comments
-- (rn: the n-th attendee of the initiative by volunteer id).
WITH comments (initiative_id, rn, rating, comment) AS (VALUES
	(1, 1, 5, 'The students asked brilliant questions. Looking forward to the next session.'),
	(1, 3, 4, 'Well organised; the career fair could have used more employers.'),
	(2, 1, 5, 'First time donating. The nurses were wonderful.'),
	(3, 1, 5, 'Muddy boots, happy heart. 540 trees!'),
	(3, 3, 4, 'Bring gloves and a thermos next time.'),
	(4, 1, 5, 'A great evening and a record auction.'),
	(5, 1, 4, 'Long day at the water station, but the runners'' thanks made it worth it.'),
	(6, 1, 4, 'Eye-opening to see how much food is donated every week.'),
	(7, 1, 2, 'Rain kept most visitors away; pick a date in the dry season.'),
	(7, 3, 3, 'Good idea, poor turnout. Advertise it earlier on the intranet.'),
	(12, 1, 5, 'One of my mentees got a real interview the week after!'),
	(13, 1, 4, 'We found a shopping trolley and half a bicycle in the river.'),
	(16, 1, 5, 'Packing hampers with the whole team was the best team-building this year.'),
	(17, 1, 4, 'Mrs. Ionescu now spots a phishing text at a glance. 😊')
),
attended AS (
	SELECT s.initiative_id, s.volunteer_id, i.ends_at,
	       row_number() OVER (PARTITION BY s.initiative_id ORDER BY s.volunteer_id) AS rn
	FROM signup s JOIN initiative i ON i.id = s.initiative_id
	WHERE s.status = 'attended'
)
INSERT INTO feedback (initiative_id, volunteer_id, rating, comment, created_at)
SELECT a.initiative_id, a.volunteer_id,
       coalesce(c.rating, CASE WHEN a.initiative_id = 7 THEN 2 + a.volunteer_id % 3
			       ELSE 3 + ((a.volunteer_id + a.initiative_id) % 5 + 1) / 2 END),
       coalesce(c.comment, ''), a.ends_at + 86400 + a.rn * 3600
FROM attended a
LEFT JOIN comments c ON c.initiative_id = a.initiative_id AND c.rn = a.rn
WHERE a.rn % 2 = 1
ORDER BY a.initiative_id, a.rn;

-- Announcements for the welcome screen; the thank-you note has expired.
INSERT INTO announcement (title, body, author_id, created_at, expires_at) VALUES
	('Welcome to csrdesk',
	 'Browse initiatives with 1, sign up for the selected one with s, cancel your place with x. Press ? for help.',
	 4, unixepoch('now', '-60 days'), NULL),
	('Thank you: 320 family hampers packed!',
	 'Harbour Food Bank has delivered every hamper. Thanks to all who came.',
	 23, unixepoch('now', '-13 days'), unixepoch('now', '-3 days')),
	('Blood donation drive at Old Town: sign up now',
	 'The rescheduled drive needs 25 donors. One hour of your time can help three patients.',
	 1, unixepoch('now', '-3 days'), (SELECT starts_at FROM initiative WHERE id = 19));

-- For the B4SI/GRI figures: the gala (an evening) and the City Runs (a
-- Sunday) are in people's own time, and so are their hours; the company
-- gave money to the school supplies drive and the hamper packing and
-- lent goods to the food bank; partners counted the people reached; and
-- three leads logged the time spent running the programme.
UPDATE initiative SET own_time = 1 WHERE id IN (4, 5, 20);
UPDATE hours SET own_time = 1 WHERE initiative_id IN (4, 5);
UPDATE initiative
SET beneficiaries = CASE id WHEN 1 THEN 18 WHEN 6 THEN 1050 WHEN 8 THEN 14 WHEN 10 THEN 85
			    WHEN 11 THEN 24 WHEN 12 THEN 16 WHEN 16 THEN 1280 WHEN 17 THEN 22 END
WHERE id IN (1, 6, 8, 10, 11, 12, 16, 17);
WITH m (initiative_id, metric, value, note) AS (VALUES
	(6, 'inkind', 450, 'Pallets, crates and a van for the day, valued by Facilities'),
	(10, 'cash', 2000, 'Company donation for the school kits'),
	(16, 'cash', 1500, 'Company donation for the hamper contents'),
	(16, 'inkind', 320, 'Hamper boxes from our stationery supplier')
)
INSERT INTO impact (initiative_id, metric, value, recorded_by, recorded_at, note)
SELECT m.initiative_id, m.metric, m.value, i.owner_id, i.ends_at + 86400, m.note
FROM m JOIN initiative i ON i.id = m.initiative_id
ORDER BY i.ends_at;
WITH t (volunteer_id, days_ago, minutes, note) AS (VALUES
	(4, 320, 240, 'Planned the Bright Futures year with the school'),
	(1, 110, 180, 'Agreed the blood drive dates with the blood service'),
	(12, 45, 120, 'Partner review with ReCircle'),
	(23, 20, 90, 'Rota for the hamper packing')
)
INSERT INTO management_time (volunteer_id, worked_on, minutes, note, created_at)
SELECT volunteer_id, unixepoch('now', 'localtime', 'start of day', -days_ago || ' days', 'utc'),
       minutes, note, unixepoch('now', -days_ago || ' days', '+18 hours')
FROM t;

-- Kiosk PINs, so csrdesk --demo --kiosk can be tried at once (a real roster
-- starts with no PINs): E1001 to E1060 have the demo PIN 123456; E1061 to
-- E1066 have none yet and the demo activation code 1234-5678-9012, valid
-- for a day, with which each chooses one. Both hashed like real ones.
UPDATE volunteer
SET pin_hash = '$argon2id$v=19$m=19456,t=2,p=1$SHMd7b2/9unTrToOAwlDXg$U1Py7R0ClZ0EFr9G8ziJyhGsgnUidXBftiGBH6+2Rb8'
WHERE employee_id BETWEEN 'E1001' AND 'E1060';
INSERT INTO pin_activation (volunteer_id, code_hash, expires_at, issued_at)
SELECT id, '$argon2id$v=19$m=19456,t=2,p=1$xkdzH8CQ12lXKoD8+OoAgA$lNo9aTMK+lKM1JknViOQPyhmyjpZuNko/cDKiak42BU',
       unixepoch('now', '+1 day'), unixepoch('now')
FROM volunteer WHERE employee_id BETWEEN 'E1061' AND 'E1066';

-- Two notifications for Jürgen Müller (E1001), the demo's own volunteer, so
-- the status line counts them and N lists them: yesterday his place on his
-- next initiative came from the waitlist, and his latest hours were
-- approved. Nothing mails a demo: both count as mailed.
INSERT INTO notification (volunteer_id, kind, initiative_id, signup_id, created_at, due_at,
			  mailed_at)
SELECT 1, 'promoted', s.initiative_id, s.id, unixepoch('now', '-1 day'),
       unixepoch('now', '-1 day'), unixepoch('now', '-1 day')
FROM signup s JOIN initiative i ON i.id = s.initiative_id
WHERE s.volunteer_id = 1 AND s.status = 'confirmed' AND i.starts_at > unixepoch('now')
ORDER BY i.starts_at LIMIT 1;
INSERT INTO notification (volunteer_id, kind, initiative_id, hours_id, created_at, due_at,
			  mailed_at)
SELECT 1, 'hours_approved', h.initiative_id, h.id, h.decided_at, h.decided_at, h.decided_at
FROM hours h WHERE h.volunteer_id = 1 AND h.status = 'approved'
ORDER BY h.decided_at DESC LIMIT 1;
