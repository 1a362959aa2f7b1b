/*
 * The floor of any stdio relay: forks the server given on the command line, connects it with two pipes, and
 * copies bytes in both directions on two threads (read, write, nothing parsed). Built by run.sh with cc.
 * Usage: byte-relay <command> [args...]
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

struct pair { int from, to; };

static void *copy(void *arg) {
    struct pair *p = arg;
    char buf[65536];
    ssize_t n;
    while ((n = read(p->from, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(p->to, buf + off, (size_t)(n - off));
            if (w <= 0) return NULL;
            off += w;
        }
    }
    close(p->to);
    return NULL;
}

int main(int argc, char **argv) {
    int in[2], out[2];
    if (argc < 2 || pipe(in) || pipe(out)) { fputs("usage: byte-relay <command> [args...]\n", stderr); return 2; }
    signal(SIGPIPE, SIG_IGN);
    pid_t child = fork();
    if (child == 0) {
        dup2(in[0], 0); dup2(out[1], 1);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        execvp(argv[1], argv + 1);
        perror("execvp"); _exit(127);
    }
    close(in[0]); close(out[1]);
    struct pair up = {0, in[1]}, down = {out[0], 1};
    pthread_t t;
    pthread_create(&t, NULL, copy, &up);
    copy(&down);             /* the server's output until it closes it */
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
