/*
 * rusage FILE PROG [ARG...]: run PROG with FILE on its standard input
 * and its output thrown away, and print on one line the processor time
 * it took (user + system, in seconds) and its peak resident memory (in
 * KiB).  Exits as PROG did.
 *
 * The tests judge a program by these figures: getrusage(2) of the one
 * child reports it alone, to the microsecond, where time(1) rounds to
 * hundredths and GNU time may not be installed.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status, in, out;

	if (argc < 3) {
		fputs("usage: rusage FILE PROG [ARG...]\n", stderr);
		return 2;
	}
	if ((in = open(argv[1], O_RDONLY)) < 0 || (out = open("/dev/null", O_WRONLY)) < 0) {
		perror(argv[1]);
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || getrusage(RUSAGE_CHILDREN, &ru) < 0) {
		perror("waitpid");
		return 2;
	}
	printf("%.4f %ld\n", (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
