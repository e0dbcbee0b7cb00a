/* SPDX-License-Identifier: MIT */
/* Running the built el2sim from a cmocka test (cli_spawn.h). */
#include "cli_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

extern char **environ;

char *cli_slurp(FILE *f, size_t *len)
{
	fflush(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	if (len)
		*len = (size_t)n;
	return buf;
}

char *cli_slurp_path(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	char *s = cli_slurp(f, NULL);
	fclose(f);
	return s;
}

void cli_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		fail_msg("cannot create %s", path);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* waitpid with a deadline: polls every 10 ms. */
static int wait_for(pid_t pid, unsigned timeout_s, const char *prog)
{
	int status;
	if (!timeout_s) {
		assert_int_equal(waitpid(pid, &status, 0), pid);
		return status;
	}
	struct timespec tick = {0, 10 * 1000 * 1000};
	for (unsigned long waited = 0;; waited += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		assert_int_equal(r, 0);
		if (waited >= 1000ul * timeout_s) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail_msg("%s did not end within %u s (killed)", prog, timeout_s);
		}
		nanosleep(&tick, NULL);
	}
}

/* stderr_fd < 0: stderr to a temporary file; else to that descriptor. */
static cli_result spawn(char *const argv[], unsigned timeout_s, int stderr_fd)
{
	FILE *out = tmpfile(), *err = tmpfile();
	assert_non_null(out);
	assert_non_null(err);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fileno(out), STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, stderr_fd < 0 ? fileno(err) : stderr_fd,
					 STDERR_FILENO);
	pid_t pid;
	assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	int status = wait_for(pid, timeout_s, argv[0]);
	cli_result r = {0};
	r.out = cli_slurp(out, &r.out_len);
	r.err = cli_slurp(err, NULL);
	fclose(out);
	fclose(err);
	if (!WIFEXITED(status))
		fail_msg("%s did not exit normally (status 0x%x); stderr:\n%s", argv[0], status,
			 r.err);
	r.code = WEXITSTATUS(status);
	return r;
}

cli_result cli_spawn(char *const argv[], unsigned timeout_s)
{
	return spawn(argv, timeout_s, -1);
}

cli_result cli_spawn_tty_stderr(char *const argv[], unsigned timeout_s)
{
	int master, slave;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	/* Raw mode: the bytes as written (no \n -> \r\n). */
	struct termios t;
	assert_int_equal(tcgetattr(slave, &t), 0);
	cfmakeraw(&t);
	assert_int_equal(tcsetattr(slave, TCSANOW, &t), 0);
	cli_result r = spawn(argv, timeout_s, slave);
	close(slave);
	free(r.err);
	size_t cap = 1 << 16, len = 0;
	r.err = calloc(1, cap + 1);
	assert_non_null(r.err);
	fcntl(master, F_SETFL, O_NONBLOCK);
	for (;;) {
		ssize_t n = read(master, r.err + len, cap - len);
		if (n > 0 && (len += (size_t)n) < cap)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		break; /* EAGAIN or EIO: all read */
	}
	close(master);
	return r;
}

cli_result cli_run(const char *prog, unsigned timeout_s, const char *first, ...)
{
	char *argv[CLI_MAX_ARGS];
	va_list ap;
	va_start(ap, first);
	cli_argv(argv, CLI_MAX_ARGS, prog, first, ap);
	va_end(ap);
	return cli_spawn(argv, timeout_s);
}

int cli_argv(char *argv[], int cap, const char *prog, const char *first, va_list ap)
{
	int argc = 0;
	argv[argc++] = (char *)prog;
	for (const char *s = first; s && argc < cap - 1; s = va_arg(ap, const char *))
		argv[argc++] = (char *)s;
	argv[argc] = NULL;
	return argc;
}

const char *cli_arg(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);
	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], key, n) && argv[i][n] == '=')
			return argv[i] + n + 1;
	return NULL;
}

void cli_result_free(cli_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

void cli_expect_in(const char *text, const char *what, const char *where)
{
	if (!strstr(text, what))
		fail_msg("%s lacks '%s'; it is:\n%s", where, what, text);
}

void cli_expect_not_in(const char *text, const char *what, const char *where)
{
	if (strstr(text, what))
		fail_msg("%s has '%s'; it is:\n%s", where, what, text);
}
