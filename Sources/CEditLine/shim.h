// libedit's native API (histedit.h), not its readline emulation, and never GNU readline.
// Swift cannot call C variadic functions (el_set, el_get, history), so each use we need gets a
// small non-variadic wrapper here.
#include <histedit.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

static inline FILE *nn_stdin(void) { return stdin; }
static inline FILE *nn_stdout(void) { return stdout; }
static inline FILE *nn_stderr(void) { return stderr; }

typedef char *(*nn_prompt_fn)(EditLine *);
typedef unsigned char (*nn_el_fn)(EditLine *, int);

static inline int nn_el_set_prompt(EditLine *e, nn_prompt_fn f) { return el_set(e, EL_PROMPT, f); }
static inline int nn_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int nn_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int nn_el_set_hist(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int nn_el_set_clientdata(EditLine *e, void *d) { return el_set(e, EL_CLIENTDATA, d); }
static inline void *nn_el_get_clientdata(EditLine *e) {
    void *d = NULL;
    el_get(e, EL_CLIENTDATA, &d);
    return d;
}
static inline int nn_el_addfn(EditLine *e, const char *name, const char *help, nn_el_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int nn_el_bind(EditLine *e, const char *key, const char *fn) {
    return el_set(e, EL_BIND, key, fn, NULL);
}
static inline int nn_el_source_default(EditLine *e) { return el_source(e, NULL); }

static inline int nn_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int nn_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int nn_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int nn_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int nn_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
static inline int nn_history_save_fp(History *h, HistEvent *ev, FILE *fp) { return history(h, ev, H_SAVE_FP, fp); }
static inline int nn_history_getsize(History *h, HistEvent *ev) {
    return history(h, ev, H_GETSIZE) < 0 ? -1 : ev->num;
}

// SIGINT without SA_RESTART, so a blocked read in el_gets returns with EINTR and the prompt comes back.
static inline int nn_install_sigint(void (*handler)(int)) {
    struct sigaction sa;
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}
