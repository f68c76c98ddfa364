# Reference fixtures for the survival curves of the statistical engine:
#   Kaplan–Meier  survival::survfit(Surv(time, event) ~ group, conf.type = "log-log" | "log" | "plain")
#   median + CI   print(survfit) (= summary(survfit)$table, survival:::survmean); quantile(survfit, 0.5) kept beside it
#   log-rank      survival::survdiff(Surv(time, event) ~ group)   (rho = 0)
# -> src/stats/survival/fixtures/kaplan-meier.json (edge cases and seeded random data)
# -> src/stats/survival/fixtures/aml.json (the published worked example, ../shared/reference/aml.csv)
#
# Run from the repository root:  Rscript scripts/reference/survival.R
# (R 4.2 from Debian with survival and jsonlite.) CI never runs R; the JSON files are committed.
#
# Conventions of the fixtures (the same as the `kaplan-meier` contract):
#   - groups in sorted order: numbers ascending, strings by code unit (R's C collation);
#   - steps only at event times; standardError is the SE of S(t) (Greenwood, = surv * std.err,
#     survfit's std.err being the SE of the cumulative hazard);
#   - NA / NaN (e.g. the interval where S(t) = 0, a median not reached) are written as null;
#   - logRank is null with one group, or when fewer than two groups have anyone at risk at an
#     event time (survdiff then reports df <= 0: nothing to compare).

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))

out_dir <- file.path("src", "stats", "survival", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

write_fixture <- function(x, path) {
  write_json(x, path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
  cat("wrote", path, "\n")
}

num <- function(x) I(unname(as.numeric(x)))

# summary(survfit, times =) at a few times per group; null past the group's last follow-up
# (summary drops those unless extend = TRUE).
survival_at <- function(z, times) {
  if (length(times) == 0) return(list())
  s <- summary(z, times = times, extend = TRUE)
  past <- times > max(z$time)
  na_past <- function(x) num(ifelse(past, NA, x))
  list(time = num(times), survival = na_past(s$surv), standardError = na_past(s$std.err),
       lower = na_past(s$lower), upper = na_past(s$upper))
}

one_fit <- function(time, event, group, conf_type, level, at_times) {
  fit <- if (is.null(group)) {
    survfit(Surv(time, event) ~ 1, conf.type = conf_type, conf.int = level)
  } else {
    g <- factor(group, levels = sort(unique(group)))
    survfit(Surv(time, event) ~ g, conf.type = conf_type, conf.int = level)
  }
  tab <- summary(fit)$table
  if (!is.matrix(tab)) tab <- matrix(tab, nrow = 1, dimnames = list(NULL, names(tab)))
  q <- quantile(fit, probs = 0.5)
  qm <- function(x) as.numeric(x)
  values <- if (is.null(group)) list(NA) else as.list(sort(unique(group)))
  groups <- lapply(seq_along(values), function(i) {
    z <- if (is.null(fit$strata)) fit else fit[i]
    keep <- z$n.event > 0
    list(
      group = values[[i]],
      n = z$n,
      events = sum(z$n.event),
      steps = list(
        time = num(z$time[keep]),
        nRisk = num(z$n.risk[keep]),
        nEvent = num(z$n.event[keep]),
        survival = num(z$surv[keep]),
        standardError = num(z$surv[keep] * z$std.err[keep]),
        lower = num(z$lower[keep]),
        upper = num(z$upper[keep])
      ),
      median = unname(tab[i, "median"]),
      medianLower = unname(tab[i, paste0(level, "LCL")]),
      medianUpper = unname(tab[i, paste0(level, "UCL")]),
      # quantile.survfit's rule, which differs from print's when S(t) ends exactly at 0.5
      # (it averages with the last follow-up time) or a confidence curve is not monotone.
      quantileMedian = qm(q$quantile)[i],
      quantileLower = qm(q$lower)[i],
      quantileUpper = qm(q$upper)[i],
      at = survival_at(z, at_times)
    )
  })
  list(confType = conf_type, level = level, groups = groups)
}

log_rank <- function(time, event, group) {
  if (is.null(group) || length(unique(group)) < 2) return(NA)
  g <- factor(group, levels = sort(unique(group)))
  sd <- survdiff(Surv(time, event) ~ g)
  df <- sum(sd$exp > 0) - 1
  if (df < 1) return(NA)
  list(statistic = sd$chisq, df = df, pValue = sd$pvalue,
       observed = num(sd$obs), expected = num(sd$exp))
}

km_case <- function(name, note, time, event, group = NULL, levels = 0.95, at_times = numeric(0)) {
  fits <- list()
  for (level in levels) for (ct in c("log-log", "log", "plain")) {
    fits[[length(fits) + 1]] <- one_fit(time, event, group, ct, level, at_times)
  }
  case <- list(name = name, note = note, time = num(time), event = num(event))
  if (!is.null(group)) case$group <- I(if (is.numeric(group)) unname(as.numeric(group)) else unname(as.character(group)))
  case$fits <- fits
  case$logRank <- log_rank(time, event, group)
  case
}

cases <- list(
  km_case("ties", "events and censorings at the same times: censorings count at risk at that time",
          c(1, 1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6),
          c(1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1)),
  km_case("all-censored group", "group b has no events: survival 1, no steps, median null",
          c(2, 3, 3, 5, 8, 9, 1, 4, 6, 7),
          c(1, 1, 0, 1, 0, 1, 0, 0, 0, 0),
          c("a", "a", "a", "a", "a", "a", "b", "b", "b", "b")),
  km_case("censoring after last event", "follow-up continues after the last event; median not reached",
          c(1, 2, 3, 5, 7, 8),
          c(1, 1, 0, 0, 0, 0)),
  km_case("single event", "one observation, an event: S drops to 0", c(4), c(1)),
  km_case("single censored", "one observation, censored: no steps", c(4), c(0)),
  km_case("curve hits zero", "the last observation of group 2 is an event: S = 0, SE and interval undefined",
          c(1, 3, 4, 4, 6, 2, 3, 5, 5, 7, 9, 9),
          c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1),
          c(1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2)),
  km_case("time zero events", "events and a censoring at time 0",
          c(0, 0, 0, 1, 2, 2, 3, 6, 8),
          c(1, 1, 0, 1, 1, 0, 1, 0, 1)),
  km_case("half over an interval", "S = 0.5 exactly from t = 2 until the event at 4: median (2 + 4) / 2 = 3",
          c(1, 2, 3, 4), c(1, 1, 0, 1)),
  km_case("ends at half", "S = 0.5 exactly from t = 2 to the end: print gives 2, quantile() gives 3",
          c(1, 2, 3, 4), c(1, 1, 0, 0)),
  km_case("group never at risk at an event", "group c leaves before the first event: expected 0, dropped from the test (df 1)",
          c(2, 3, 4, 6, 2, 5, 8, 1, 1),
          c(1, 1, 1, 0, 1, 1, 0, 0, 0),
          c("a", "a", "a", "a", "b", "b", "b", "c", "c")),
  km_case("no events", "two groups, no events: curves flat, no log-rank",
          c(1, 2, 3, 4), c(0, 0, 0, 0), c("x", "x", "y", "y")),
  km_case("string group order", "labels sort by code unit (C collation): 10 < 9 < B < a < b",
          c(3, 5, 2, 8, 4, 6, 1, 7, 9, 2, 5, 4, 6, 3, 8),
          c(1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1),
          c("b", "a", "B", "10", "9", "b", "a", "B", "10", "9", "b", "a", "B", "10", "9")),
  km_case("numeric group order", "numeric labels sort numerically: 1.5 < 2 < 10",
          c(3, 5, 2, 8, 4, 6, 1, 7, 9, 2, 5, 4),
          c(1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0),
          c(10, 2, 1.5, 10, 2, 1.5, 10, 2, 1.5, 10, 2, 1.5)),
  km_case("other levels", "confidence levels 0.90 and 0.99",
          c(1, 2, 2, 3, 5, 6, 6, 7, 9, 11, 12, 14, 15, 15, 18),
          c(1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1),
          levels = c(0.9, 0.99), at_times = c(0.5, 1, 2.5, 15, 18, 19))
)

# Seeded random data: exponential times rounded to 0.1 (so ties occur), uniform censoring.
set.seed(20240611)
for (k in 1:3) for (n in c(15, 80, 400)) {
  group <- if (k == 1) NULL else sample(c("north", "south", "west")[1:k], n, replace = TRUE)
  rate <- if (is.null(group)) rep(0.1, n) else c(north = 0.08, south = 0.12, west = 0.2)[group]
  t_event <- rexp(n, rate)
  t_cens <- runif(n, 0, 30)
  time <- round(pmin(t_event, t_cens), 1)
  event <- as.numeric(t_event <= t_cens)
  cases[[length(cases) + 1]] <- km_case(sprintf("random k=%d n=%d", k, n), "set.seed(20240611), rexp times, runif censoring",
                                        time, event, group)
}
# Well-separated groups: a tiny p-value whose digits must survive.
sep_time <- c(seq(1, 40), seq(61, 100))
cases[[length(cases) + 1]] <- km_case("separated groups", "group 1 fails before group 2 starts: p about 1e-19",
                                      sep_time, rep(1, 80), rep(c(1, 2), each = 40))
# Five groups, so that the pairwise covariances of the test matter.
n <- 250
group <- sample(c("e", "d", "c", "b", "a"), n, replace = TRUE)
time <- round(rexp(n, c(a = 0.05, b = 0.07, c = 0.1, d = 0.1, e = 0.15)[group]), 0)
event <- as.numeric(runif(n) < 0.85)
cases[[length(cases) + 1]] <- km_case("random k=5 n=250", "set.seed continued, five groups, integer times",
                                      time, event, group)
# Integer times with heavy ties and numeric groups.
for (n in c(50, 300)) {
  group <- sample(c(1, 2, 3), n, replace = TRUE)
  time <- pmin(rgeom(n, 0.15 / group), 12)
  event <- as.numeric(time < 12 & runif(n) < 0.8)
  cases[[length(cases) + 1]] <- km_case(sprintf("random integer times n=%d", n), "set.seed continued, rgeom times, administrative censoring at 12",
                                        time, event, group)
}

write_fixture(list(
  source = "scripts/reference/survival.R",
  r = R.version.string,
  survival = as.character(packageVersion("survival")),
  cases = cases
), file.path(out_dir, "kaplan-meier.json"))

aml_csv <- read.csv(file.path("..", "shared", "reference", "aml.csv"), stringsAsFactors = FALSE)
aml_case <- km_case("aml", "survival::aml (Miller 1981), as ../shared/reference/aml.csv",
                    aml_csv$time, aml_csv$status, aml_csv$x,
                    at_times = c(0, 5, 9, 10, 30, 45, 48, 100, 161, 200))
stopifnot(isTRUE(all.equal(aml_csv$time, survival::aml$time)))
write_fixture(list(
  source = "scripts/reference/survival.R",
  r = R.version.string,
  survival = as.character(packageVersion("survival")),
  published = list(logRankStatistic = 3.4, df = 1, pValue = 0.07,
                   medians = list(Maintained = 31, Nonmaintained = 23)),
  case = aml_case
), file.path(out_dir, "aml.json"))
