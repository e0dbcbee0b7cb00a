/* SPDX-License-Identifier: MIT */
/* Checking every mutant, in this process or in el2_mutate_opts.jobs
 * worker processes (docs/mutate.md). Workers take the next unchecked
 * mutant from a counter in shared memory and write its verdict into a
 * shared slot, so the report does not depend on which worker checked
 * what or in which order. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_internal.h"
#include "mutate_internal.h"

#define MAX_JOBS 256u

typedef struct slot {
	int status; /* el2_mut_status, or -1: not checked */
	char why[96];
} slot;

typedef struct shared {
	size_t next; /* the next entry of todo[] to take */
	size_t done;
	slot s[];
} shared;

el2_err mut_make_tmp(mut_runner *rn, char *path, size_t plen, const uint8_t *buf, size_t len,
		     char *errbuf, size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, plen, "%s/el2sim-mutant-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return chk_fail(errbuf, errlen, EL2_ERR_IO, "%s: %s", path, strerror(errno));
	if (write(fd, buf, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return chk_fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot write", path);
	}
	rn->fd = fd;
	rn->tmp = path;
	return EL2_OK;
}

/* The worker's copy of the object and its kept world. */
static el2_err runner_open(mut_runner *rn, char *path, size_t plen, const uint8_t *buf,
			   size_t len, char *errbuf, size_t errlen)
{
	if (!rn->mo->no_shortcuts && chk_world_cache_new(&rn->cache))
		return chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory");
	return mut_make_tmp(rn, path, plen, buf, len, errbuf, errlen);
}

static void drop_tmp(mut_runner *rn)
{
	chk_world_cache_free(&rn->cache);
	if (rn->fd >= 0) {
		close(rn->fd);
		unlink(rn->tmp);
		rn->fd = -1;
	}
}

/* One mutant: written, checked, the original word put back. */
static bool check_mutant(const mut_runner *rn, const el2_mutant *m, uint64_t off,
			 const mut_ranges *rs, slot *out)
{
	out->why[0] = '\0';
	/* Its runs would be the unmutated ones, which pass (mut_covered). */
	if (!rn->mo->no_shortcuts && !mut_covered(rs, m->addr)) {
		out->status = EL2_MUT_NOT_COVERED;
		return true;
	}
	if (!mut_put_word(rn, off, m->addr, m->mutated))
		return false;
	if (mut_check_word(rn, out->why, sizeof(out->why)))
		out->status = EL2_MUT_KILLED;
	else
		out->status = mut_covered(rs, m->addr) ? EL2_MUT_SURVIVED : EL2_MUT_NOT_COVERED;
	if (out->status != EL2_MUT_KILLED)
		out->why[0] = '\0';
	return mut_put_word(rn, off, m->addr, m->orig);
}

static void progress(const el2_mutate_opts *mo, size_t done, size_t total)
{
	if (mo->progress)
		mo->progress(mo->progress_ctx, (unsigned)done, (unsigned)total);
}

/* A worker: checks mutants until none is left, then exits. */
static void worker(pid_t parent, shared *sh, const size_t *todo, size_t ntodo,
		   const el2_mutate_result *r, const uint64_t *offs, const mut_ranges *rs,
		   const mut_runner *proto, const uint8_t *buf, size_t len)
{
	/* A worker never outlives el2sim (killed by a timeout, say). */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(5);
	mut_runner rn = *proto;
	char tmp[4096], err[256];
	if (runner_open(&rn, tmp, sizeof(tmp), buf, len, err, sizeof(err)))
		_exit(3);
	int rc = 0;
	for (;;) {
		size_t i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
		if (i >= ntodo)
			break;
		size_t k = todo[i];
		if (!check_mutant(&rn, &r->m[k], offs[k], rs, &sh->s[k])) {
			rc = 4;
			break;
		}
		__atomic_fetch_add(&sh->done, 1, __ATOMIC_RELEASE);
	}
	drop_tmp(&rn);
	_exit(rc);
}

/* Waits for every worker, reporting progress; the first failure wins. */
static el2_err wait_workers(shared *sh, size_t ntodo, const el2_mutate_opts *mo, unsigned n,
			    char *errbuf, size_t errlen)
{
	el2_err e = EL2_OK;
	size_t shown = 0;
	while (n) {
		int st;
		pid_t p = waitpid(-1, &st, WNOHANG);
		if (p < 0 && errno != EINTR)
			return chk_fail(errbuf, errlen, EL2_ERR_IO, "waiting for workers: %s",
					strerror(errno));
		if (p > 0) {
			n--;
			if (!e && WIFSIGNALED(st))
				e = chk_fail(errbuf, errlen, EL2_ERR_IO,
					     "a mutate worker process died of signal %d",
					     WTERMSIG(st));
			else if (!e && WEXITSTATUS(st))
				e = chk_fail(errbuf, errlen, EL2_ERR_IO,
					     "a mutate worker process failed (%s)",
					     WEXITSTATUS(st) == 3 ? "cannot write its copy of the object"
								  : "cannot write a mutant");
			continue;
		}
		size_t d = __atomic_load_n(&sh->done, __ATOMIC_ACQUIRE);
		if (d != shown && d < ntodo)
			progress(mo, shown = d, ntodo);
		if (p == 0)
			nanosleep(&(struct timespec){.tv_nsec = 20 * 1000 * 1000}, NULL);
	}
	return e;
}

static el2_err run_parallel(el2_mutate_result *r, const size_t *todo, size_t ntodo,
			    const uint64_t *offs, const mut_ranges *rs, const mut_runner *proto,
			    const uint8_t *buf, size_t len, unsigned jobs, char *errbuf,
			    size_t errlen)
{
	size_t bytes = sizeof(shared) + r->n * sizeof(slot);
	shared *sh = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "mutate: no shared memory for %u jobs",
				jobs);
	for (size_t i = 0; i < r->n; i++)
		sh->s[i].status = -1;
	fflush(NULL); /* nothing buffered is written twice */
	unsigned started = 0;
	el2_err e = EL2_OK;
	pid_t self = getpid();
	for (; started < jobs; started++) {
		pid_t p = fork();
		if (p == 0)
			worker(self, sh, todo, ntodo, r, offs, rs, proto, buf, len);
		if (p < 0) {
			e = chk_fail(errbuf, errlen, EL2_ERR_IO, "mutate: cannot start a worker: %s",
				     strerror(errno));
			break;
		}
	}
	el2_err w = started ? wait_workers(sh, ntodo, proto->mo, started, errbuf, errlen) : EL2_OK;
	if (!e)
		e = w;
	for (size_t i = 0; !e && i < ntodo; i++) {
		const slot *s = &sh->s[todo[i]];
		if (s->status < 0) {
			e = chk_fail(errbuf, errlen, EL2_ERR_IO, "mutate: a mutant was not checked");
			break;
		}
		r->m[todo[i]].status = (el2_mut_status)s->status;
		memcpy(r->m[todo[i]].why, s->why, sizeof(s->why));
	}
	munmap(sh, bytes);
	return e;
}

static el2_err run_here(el2_mutate_result *r, const size_t *todo, size_t ntodo,
			const uint64_t *offs, const mut_ranges *rs, const mut_runner *proto,
			const uint8_t *buf, size_t len, char *errbuf, size_t errlen)
{
	mut_runner rn = *proto;
	char tmp[4096];
	el2_err e = runner_open(&rn, tmp, sizeof(tmp), buf, len, errbuf, errlen);
	for (size_t i = 0; !e && i < ntodo; i++) {
		el2_mutant *m = &r->m[todo[i]];
		slot s;
		if (!check_mutant(&rn, m, offs[todo[i]], rs, &s)) {
			e = chk_fail(errbuf, errlen, EL2_ERR_IO, "%s: cannot write", tmp);
			break;
		}
		m->status = (el2_mut_status)s.status;
		memcpy(m->why, s.why, sizeof(s.why));
		progress(proto->mo, i + 1, ntodo);
	}
	drop_tmp(&rn);
	return e;
}

el2_err mut_run_all(el2_mutate_result *r, const uint64_t *offs, const mut_ranges *rs,
		    const mut_runner *proto, const uint8_t *buf, size_t len, char *errbuf,
		    size_t errlen)
{
	size_t *todo = calloc(r->n + 1, sizeof(*todo));
	if (!todo)
		return chk_fail(errbuf, errlen, EL2_ERR_NOMEM, "out of memory");
	size_t ntodo = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->m[i].status != EL2_MUT_EQUIVALENT)
			todo[ntodo++] = i;
	unsigned jobs = proto->mo->jobs ? proto->mo->jobs : 1;
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if (jobs > ntodo)
		jobs = (unsigned)(ntodo ? ntodo : 1);
	el2_err e = jobs > 1 ? run_parallel(r, todo, ntodo, offs, rs, proto, buf, len, jobs,
					    errbuf, errlen)
			     : run_here(r, todo, ntodo, offs, rs, proto, buf, len, errbuf, errlen);
	if (!e && jobs > 1)
		progress(proto->mo, ntodo, ntodo);
	free(todo);
	return e;
}
