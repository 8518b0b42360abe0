/* SPDX-License-Identifier: MIT */
/* Running setgid: see include/csrdesk/privilege.h for the model. */
#include "csrdesk/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static bool privileged;

/* What a privileged run keeps of the user's environment: the terminal,
 * colors, language and time zone (glibc and ncurses already ignore the
 * file-naming parts of these in a setgid process), the command sshd
 * passes and its SSH_CONNECTION (only shown, in the command that fetches
 * a report, and only when it has the shape sshd gives it). Everything
 * else (TMPDIR, SQLITE_TMPDIR, HOME, XDG_*, a variable the config might
 * name) goes, for csrdesk, its libraries and anything it would start. */
static bool safe_variable(const char *entry)
{
	static const char *const keep[] = {
		"TERM=", "NO_COLOR=", "COLUMNS=", "LINES=", "LANG=", "LANGUAGE=", "TZ=",
		"SSH_ORIGINAL_COMMAND=", "SSH_CONNECTION=",
	};
	if (strncmp(entry, "LC_", 3) == 0)
		return true;
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if (strncmp(entry, keep[i], strlen(keep[i])) == 0)
			return true;
	return false;
}

static void keep_safe_environment(void)
{
	extern char **environ;
	size_t n = 0, kept = 0;
	while (environ && environ[n])
		n++;
	char **safe = calloc(n + 1, sizeof *safe);
	if (!safe) { /* no memory at start: keep nothing rather than everything */
		clearenv();
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (safe_variable(environ[i]))
			safe[kept++] = environ[i];
	/* The strings stay where the kernel put them; only the list is new. */
	environ = safe;
}

void csr_privilege_init(void)
{
	privileged = getegid() != getgid();
	if (!privileged)
		return;
	/* The kernel already makes a setgid process non-dumpable; say so
	 * explicitly, and allow no core file either: a core or the user's
	 * access to /proc/PID/fd (ptrace rights) would hand them the database. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	struct rlimit none = { 0, 0 };
	setrlimit(RLIMIT_CORE, &none);
	/* The database's files stay the group's and nobody else's. */
	umask(007);
	keep_safe_environment();
}

bool csr_privileged(void)
{
	return privileged;
}

bool csr_privilege_drop(void)
{
	if (!privileged)
		return true;
	gid_t gid = getgid();
	if (setresgid(gid, gid, gid) != 0 || getegid() != gid)
		return false;
	privileged = false;
	return true;
}

/* setegid to the real group and back is allowed to a setgid process: the
 * saved set-group-ID keeps csrdesk's group. */
void csr_privilege_suspend(void)
{
	if (privileged)
		(void)!setegid(getgid());
}

void csr_privilege_resume(void)
{
	gid_t saved, real, effective;
	if (privileged && getresgid(&real, &effective, &saved) == 0)
		(void)!setegid(saved);
}

int csr_open_as_user(const char *path, int flags, mode_t mode)
{
	csr_privilege_suspend();
	int fd = open(path, flags | O_CLOEXEC, mode);
	int saved_errno = errno;
	csr_privilege_resume();
	errno = saved_errno;
	return fd;
}

const char *csr_getenv(const char *name)
{
	/* After csr_privilege_drop the run has only the user's rights, so their
	 * variables count again (secure_getenv would still say NULL). */
	return privileged ? NULL : getenv(name);
}

const char *csr_home_dir(void)
{
	const char *home = csr_getenv("HOME");
	if (home && *home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : NULL;
}
