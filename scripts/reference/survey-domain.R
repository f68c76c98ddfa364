# Reference fixtures for the design-based mean over a domain (src/stats/survey/survey-domain-mean.ts):
#   svymean(~y, subset(design, d == 1), deff = TRUE), confint(..., df = degf(subset)) and
#   confint(..., df = degf(design))  ->  src/stats/survey/fixtures/survey-domain-mean.json
#
# Run from the repository root:  Rscript scripts/reference/survey-domain.R
# (R 4.2 with survey 4.1 and jsonlite.) CI never runs R; the JSON file is committed.
#
# Designs as scripts/reference/survey.R builds them: svydesign(ids = ~cluster or ~1, strata =
# ~stratum, weights = ~w, fpc = ~N, nest = TRUE) under options(survey.lonely.psu = <lonelyPsu>).
# subset() keeps the design's PSU counts per stratum (survey:::onestrat pads the PSUs without
# domain units back in as zeros), so the domain's variance is over the whole design; degf() of
# the subset counts only the PSUs and strata holding domain units, and lonely.psu = "average"
# averages over the strata the subset occupies.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
out_dir <- file.path("src", "stats", "survey", "fixtures")
na_null <- function(x) if (is.na(x) || !is.finite(x)) NA_real_ else unname(x)

domain_case <- function(name, y, d, w, strata = NULL, clusters = NULL, fpc = NULL, lonely = "fail", level = 0.95, note = NULL) {
  df <- data.frame(y = y, d = d, w = w)
  if (!is.null(strata)) df$s <- strata
  if (!is.null(clusters)) df$cl <- clusters
  if (!is.null(fpc)) df$N <- fpc
  old <- options(survey.lonely.psu = lonely)
  on.exit(options(old))
  des <- svydesign(ids = if (is.null(clusters)) ~1 else ~cl, strata = if (is.null(strata)) NULL else ~s,
                   weights = ~w, fpc = if (is.null(fpc)) NULL else ~N, data = df, nest = TRUE)
  case <- list(name = name, lonelyPsu = lonely, level = level, y = I(y), domain = I(d), weights = I(w))
  if (!is.null(note)) case$note <- note
  if (!is.null(strata)) case$strata <- I(strata)
  if (!is.null(clusters)) case$clusters <- I(clusters)
  if (!is.null(fpc)) case$fpc <- I(fpc)
  sub <- subset(des, d == 1)
  m <- suppressWarnings(svymean(~y, sub, deff = TRUE))
  ci <- suppressWarnings(confint(m, level = level, df = degf(sub)))
  ci_design <- confint(m, level = level, df = degf(des))
  case$expected <- list(
    estimate = unname(coef(m)[1]), standardError = unname(SE(m)[1]),
    lower = na_null(ci[1, 1]), upper = na_null(ci[1, 2]),
    designEffect = na_null(deff(m)[1]),
    degreesOfFreedom = degf(sub), designDegreesOfFreedom = degf(des),
    lowerDesignDf = unname(ci_design[1, 1]), upperDesignDf = unname(ci_design[1, 2]),
    n = sum(d == 1), sumWeights = sum(weights(sub))
  )
  case
}

set.seed(20180606)
cases <- list()
add <- function(case) cases[[length(cases) + 1]] <<- case

# Unstratified, unclustered, unequal weights; a 0/1 and a continuous y.
n <- 30; w <- round(runif(n, 2, 12), 4); d <- rbinom(n, 1, 0.4)
add(domain_case("srs-proportion", rbinom(n, 1, 0.3), d, w))
add(domain_case("srs-continuous", round(rnorm(n, 40, 9), 3), d, w, level = 0.9))
add(domain_case("srs-weights-below-one", round(rnorm(n, 40, 9), 3), d, rep(0.5, n),
                note = "domain weights sum to less than its units: deff NA"))

# Stratified with fpc; the domain misses stratum "east" entirely.
s <- rep(c("north", "south", "east"), times = c(12, 10, 8))
y <- round(rnorm(30, 50, 12), 3); w <- c(rep(10, 12), rep(25, 10), rep(4, 8)) * round(runif(30, 0.8, 1.2), 3)
d <- c(rbinom(22, 1, 0.5), rep(0, 8))
N <- c(rep(130, 12), rep(260, 10), rep(40, 8))
add(domain_case("stratified-fpc-domain-misses-a-stratum", y, d, w, strata = s, fpc = N))
add(domain_case("stratified-fpc-census-stratum", y, rbinom(30, 1, 0.6), w, strata = s,
                fpc = c(rep(130, 12), rep(260, 10), rep(8, 8))))

# Stratified cluster sample, labels repeated across strata, with fpc; the domain misses PSUs.
s <- rep(1:3, times = c(16, 12, 14))
cl <- c(rep(1:4, each = 4), rep(1:3, each = 4), rep(1:5, length.out = 14))
y <- rbinom(42, 1, 0.45); w <- round(runif(42, 2, 20), 3)
d <- as.integer(cl != 2 & runif(42) < 0.7)
add(domain_case("stratified-clustered", y, d, w, strata = s, clusters = cl))
add(domain_case("stratified-clustered-fpc", y, d, w, strata = s, clusters = cl, fpc = c(rep(10, 16), rep(3, 12), rep(40, 14))))
add(domain_case("clustered-unstratified", y, d, w, clusters = rep(1:8, length.out = 42)))

# A single-PSU stratum "C", under each lonely-PSU option, with the domain inside and outside it.
s <- rep(c("A", "B", "C", "D"), times = c(8, 6, 1, 5))
y <- round(rnorm(20, 10, 3), 3); w <- round(runif(20, 1, 6), 3)
d_in <- c(rbinom(14, 1, 0.6), 1, rbinom(5, 1, 0.6))
d_out <- d_in; d_out[15] <- 0
for (lonely in c("remove", "certainty", "adjust", "average")) {
  add(domain_case(paste0("lonely-", lonely, "-domain-in-lonely-stratum"), y, d_in, w, strata = s, lonely = lonely))
  add(domain_case(paste0("lonely-", lonely, "-domain-outside-lonely-stratum"), y, d_out, w, strata = s, lonely = lonely))
}
add(domain_case("lonely-average-fpc", y, d_in, w, strata = s, fpc = rep(c(50, 40, 9, 30), times = c(8, 6, 1, 5)), lonely = "average"))
# The only strata a domain occupies are lonely: "average" has nothing to average (R: NaN).
add(domain_case("lonely-average-domain-only-in-lonely-stratum", y, as.integer(seq_along(y) == 15), w, strata = s, lonely = "average",
                note = "R gives NaN SE and limits"))

# A domain inside one PSU: zero degrees of freedom for the domain, R's interval is NaN.
cl <- rep(1:6, each = 5)
y <- rbinom(30, 1, 0.5); w <- round(runif(30, 3, 9), 3)
add(domain_case("domain-in-one-psu", y, as.integer(cl == 3), w, clusters = cl))
# A domain of one unit: SE 0, deff NaN.
add(domain_case("domain-of-one-unit", y, as.integer(seq_len(30) == 7), w))

# Seeded random designs and domains.
for (k in 1:10) {
  H <- sample(1:4, 1); clustered <- runif(1) < 0.6; with_fpc <- runif(1) < 0.5
  s <- integer(0); cl <- integer(0); N <- numeric(0); w <- numeric(0)
  for (h in seq_len(H)) {
    nh <- sample(2:7, 1)
    m <- if (clustered) sample(1:5, nh, replace = TRUE) else rep(1, nh)
    s <- c(s, rep(h, sum(m))); cl <- c(cl, rep(seq_len(nh), times = m))
    Nh <- nh + sample(0:40, 1); N <- c(N, rep(Nh, sum(m)))
    w <- c(w, round((Nh / nh) * runif(sum(m), 0.5, 1.5) * (if (clustered) 3 else 1), 4))
  }
  n <- length(s)
  d <- rbinom(n, 1, runif(1, 0.2, 0.8)); if (sum(d) < 2) d[1:2] <- 1
  y <- if (runif(1) < 0.5) rbinom(n, 1, runif(1, 0.1, 0.9)) else round(rgamma(n, 2, 0.1), 4)
  add(domain_case(paste0("random-", k), y, d, w, strata = if (H > 1) paste0("h", s) else NULL,
                  clusters = if (clustered) cl else NULL, fpc = if (with_fpc) N else NULL,
                  lonely = "fail", level = sample(c(0.9, 0.95, 0.99), 1)))
}

dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
path <- file.path(out_dir, "survey-domain-mean.json")
write_json(list(
  source = paste("R", paste(R.version$major, R.version$minor, sep = "."), "survey", as.character(packageVersion("survey")),
                 ": svymean(~y, subset(design, d == 1), deff = TRUE); confint(df = degf(subset)) and confint(df = degf(design))"),
  cases = cases
), path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote", path, "with", length(cases), "cases\n")
