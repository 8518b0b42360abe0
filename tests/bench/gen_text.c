/* SPDX-License-Identifier: MIT */
/* The words of the benchmark data set: names in many scripts (so the
 * lists sort, search and draw real UTF-8, double-width CJK included),
 * teams, partners, titles, comments. */
#include "gen_text.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One naming tradition: given names, family names, and whether the family
 * name comes first (and whether a space separates the two). */
typedef struct culture {
	const char *given[10];
	const char *family[10];
	int family_first;
	int no_space;
} culture;

static const culture cultures[] = {
	{ { "Agnieszka", "Katarzyna", "Małgorzata", "Piotr", "Krzysztof", "Tomasz", "Zofia",
	    "Łukasz", "Wojciech", "Joanna" },
	  { "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Zielińska", "Szymański", "Woźniak",
	    "Dąbrowska", "Kozłowski", "Jankowska" }, 0, 0 },
	{ { "Jürgen", "Jörg", "Björn", "Grete", "Sören", "Hans-Peter", "Ulrike", "Günther",
	    "Käthe", "Lukas" },
	  { "Müller", "Schröder", "Weiß", "Größer", "Köhler", "Bäcker", "Schäfer", "Krüger",
	    "Hoffmann", "Meyer" }, 0, 0 },
	{ { "José", "María", "Ana-María", "Iñigo", "Begoña", "Jesús", "Lucía", "Martín", "Sofía",
	    "Raúl" },
	  { "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Muñoz",
	    "Peña", "Ibáñez" }, 0, 0 },
	{ { "Aïcha", "Élodie", "François", "Hélène", "Jérôme", "Noël", "Maëlle", "Loïc", "Cécile",
	    "Benoît" },
	  { "Benali", "Lefèvre", "Dubois", "Moreau", "Girard", "Bérubé", "Rousseau", "Faure",
	    "Mercier", "Chevalier" }, 0, 0 },
	{ { "Ayşe", "Çağrı", "Gülşen", "İbrahim", "Şule", "Oğuz", "Ömer", "Büşra", "Emre",
	    "Zeynep" },
	  { "Demir", "Yılmaz", "Şahin", "Çelik", "Öztürk", "Aydın", "Kılıç", "Doğan", "Arslan",
	    "Koç" }, 0, 0 },
	{ { "Анна", "Дмитрий", "Ольга", "Сергей", "Наталья", "Иван", "Мария", "Алексей", "Елена",
	    "Никола" },
	  { "Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева",
	    "Новиков", "Морозова", "Јовановић" }, 0, 0 },
	{ { "Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Δημήτρης", "Κατερίνα", "Γιάννης", "Σοφία",
	    "Κώστας", "Άννα" },
	  { "Παπαδόπουλος", "Γεωργίου", "Οικονόμου", "Νικολάου", "Παππά", "Βασιλείου",
	    "Αθανασίου", "Δημητρίου", "Μακρή", "Ιωάννου" }, 0, 0 },
	{ { "伟", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰" },
	  { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周" }, 1, 1 },
	{ { "健", "花子", "翔太", "陽菜", "大輔", "美咲", "蓮", "結衣", "拓海", "さくら" },
	  { "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤" }, 1, 0 },
	{ { "민준", "서연", "지호", "하은", "도윤", "지우", "서준", "수아", "예준", "지민" },
	  { "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임" }, 1, 1 },
	{ { "Văn An", "Thị Bích", "Hoàng Long", "Minh Châu", "Quốc Bảo", "Thu Hà", "Đức Anh",
	    "Ngọc Lan", "Thanh Tùng", "Phương Thảo" },
	  { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng" }, 1, 0 },
	{ { "فاطمة", "محمد", "ليلى", "أحمد", "مريم", "يوسف", "نور", "خالد", "سارة", "عمر" },
	  { "الحسن", "منصور", "حداد", "خوري", "سعيد", "عباس", "نجار", "شريف", "قاسم", "صالح" },
	  0, 0 },
	{ { "Siobhán", "Seán", "Aoife", "Niamh", "Oisín", "Emma", "Oliver", "Amara", "Chloe",
	    "Liam" },
	  { "O'Brien", "Ní Bhriain", "Murphy", "Okafor", "Smith", "Walsh", "Byrne", "Ryan",
	    "Doyle", "McCarthy" }, 0, 0 },
	{ { "Åsa", "Øystein", "Bjørn", "Sigrún", "Þóra", "Ingrid", "Eiríkur", "Linnéa", "Jönne",
	    "Ása" },
	  { "Ólafsson", "Bjørnstad", "Åkesson", "Sæther", "Lindqvist", "Guðmundsdóttir",
	    "Nyström", "Håkansson", "Østergaard", "Jóhannsson" }, 0, 0 },
	{ { "Arjun", "Priya", "Lakshmi", "Rahul", "Ananya", "Vikram", "Deepika", "Sanjay",
	    "Kavya", "Rohan" },
	  { "Mehta", "Sharma", "Iyer", "Nair", "Reddy", "Patel", "Gupta", "Rao", "Banerjee",
	    "Singh" }, 0, 0 },
};

void gen_person_name(bench_rng *r, char *out, size_t size)
{
	const culture *c = &cultures[bench_rng_below(r, COUNT(cultures))];
	const char *given = c->given[bench_rng_below(r, 10)];
	const char *family = c->family[bench_rng_below(r, 10)];
	const char *sep = c->no_space ? "" : " ";
	/* A second given name now and then, so names repeat less. */
	const char *second = !c->family_first && bench_rng_chance(r, 20)
				     ? c->given[bench_rng_below(r, 10)] : NULL;
	if (c->family_first)
		snprintf(out, size, "%s%s%s", family, sep, given);
	else if (second && second != given)
		snprintf(out, size, "%s %s %s", given, second, family);
	else
		snprintf(out, size, "%s %s", given, family);
}

static const char *const sites[BENCH_SITES] = { "Riverside", "Old Town", "Millbrook",
						 "Łódź Centrum" };
static const char *const functions[] = {
	"Inbound Care", "Outbound Sales", "Tech Support", "Back Office", "Quality & Training",
	"Billing", "Retention", "Social Media", "Kundenservice DE", "Service client FR",
};

const char *gen_site(int site)
{
	return sites[site % BENCH_SITES];
}

void gen_team(const bench_size *z, int team, char *out, size_t size)
{
	int site = bench_site_of(z, team);
	int k = team - site * ((z->teams + z->sites - 1) / z->sites); /* within its site */
	int round = k / (int)COUNT(functions);
	if (round == 0)
		snprintf(out, size, "%s – %s", functions[k], gen_site(site));
	else
		snprintf(out, size, "%s %d – %s", functions[k % (int)COUNT(functions)], round + 1,
			 gen_site(site));
}

static const char *const skills[] = { "Excel", "first aid", "driving licence", "Polish",
				      "German", "Spanish", "French", "Turkish", "coaching",
				      "carpentry", "cooking", "photography", "social media",
				      "forklift", "Русский", "中文" };

void gen_skills(bench_rng *r, char *out, size_t size)
{
	int n = (int)bench_rng_below(r, 4);
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "",
					skills[bench_rng_below(r, COUNT(skills))]);
}

static const char *const partner_words[20] = {
	"Bright Futures", "Green Roots", "Helping Hands", "Open Doors", "Blue Sky", "Little Stars",
	"Red Cross Chapter", "Second Chance", "Zielona Ziemia", "Tafel", "Banco Solidario",
	"Cœur Ouvert", "Riverside", "Harbour", "Good Neighbours", "Silver Surfers",
	"Hoffnungsträger", "Ağaç Dostları", "Hope Kitchen", "Clean Coast",
};
static const char *const partner_kinds[10] = {
	"Foundation", "Association", "Trust", "e.V.", "Network", "Society", "Initiative",
	"Collective", "Charity", "Fundación",
};

void gen_partner_name(int i, char *out, size_t size)
{
	if (i < 200)
		snprintf(out, size, "%s %s", partner_words[i % 20], partner_kinds[(i / 20) % 10]);
	else /* bigger data sets: the same names, numbered */
		snprintf(out, size, "%s %s %d", partner_words[i % 20], partner_kinds[(i / 20) % 10],
			 i / 200 + 1);
}

/* Per config category, in the order of the built-in config: education,
 * health, environment, community. */
static const char *const titles[4][8] = {
	{ "Mentoring: career paths in tech", "Homework club at the library",
	  "CV workshop for school leavers", "Digital skills for seniors",
	  "Lesepaten an der Grundschule", "Taller de empleo juvenil", "Coding club for girls",
	  "Mock interviews for young job seekers" },
	{ "Blood donation drive", "Charity run for the children's hospital", "First-aid course",
	  "Collecte de sang", "Fundraiser for the local clinic", "Mental health awareness walk",
	  "Akcja krwiodawstwa", "献血キャンペーン" },
	{ "Tree planting day", "River bank clean-up", "Battery & e-waste collection",
	  "Baumpflanzaktion im Stadtpark", "Beach litter pick", "Recycling campaign week",
	  "Community garden build", "植树活动" },
	{ "Food bank sorting day", "Charity event logistics", "Soup kitchen evening",
	  "Clothes collection", "Senior centre visit", "Reparatur-Café",
	  "Wrapping gifts for families", "Banco de alimentos: clasificación" },
};

void gen_title(bench_rng *r, int cat, int serial, char *out, size_t size)
{
	snprintf(out, size, "%s #%d", titles[cat % 4][bench_rng_below(r, 8)], serial);
}

static const char *const places[] = { "City Park", "Old Town Library", "Stadtpark Nord",
				      "Harbour Hall", "St. Mary's School", "Millbrook Clinic",
				      "Training Room 2", "Community Centre", "Plac Wolności",
				      "Riverside Beach" };

void gen_location(bench_rng *r, char *out, size_t size)
{
	snprintf(out, size, "%s, %s", places[bench_rng_below(r, COUNT(places))],
		 gen_site((int)bench_rng_below(r, BENCH_SITES)));
}

static const char *const comments[] = {
	"", "", "", "Great day, well organised!", "Too short, I want to come again.",
	"Sehr gut organisiert, gerne wieder.", "Muy buena experiencia con el equipo.",
	"Super ambiance, merci !", "The partner's team was lovely 😊", "Parking was a problem.",
	"Świetna akcja, polecam.", "Çok güzel bir gündü.", "非常有意义的活动。",
	"Could use more gloves and bags.",
};

const char *gen_comment(bench_rng *r)
{
	return comments[bench_rng_below(r, COUNT(comments))];
}

static const char *const notes[] = { "", "", "", "", "Phone line for the charity telethon",
				     "Preparing the event", "Follow-up with the school",
				     "Fahrdienst", "Logística" };

const char *gen_note(bench_rng *r)
{
	return notes[bench_rng_below(r, COUNT(notes))];
}
