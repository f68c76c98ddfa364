# Reference fixtures for the design-based survey methods and sample size of the statistical engine:
#   survey-mean        survey::svydesign + svymean(deff = TRUE) + confint(df = degf(design))
#                      -> src/stats/survey/fixtures/survey-mean.json
#   survey-proportion  the same for 0/1 y, plus svyciprop(method = "logit") (and "xlogit", which
#                      is the same interval by the delta method)
#                      -> src/stats/survey/fixtures/survey-proportion.json
#   sample-size        Cochran's n0 = z^2 p (1 - p) deff / e^2, n = n0 / (1 + (n0 - 1) / N), ceiling
#                      -> src/stats/sample-size/fixtures/sample-size.json
#
# Run from the repository root:  Rscript scripts/reference/survey.R
# (R 4.2 from Debian with survey 4.1 and jsonlite.) CI never runs R; the JSON files are committed.
#
# Every design is built as
#   svydesign(ids = ~cluster or ~1, strata = ~stratum, weights = ~w, fpc = ~N, nest = TRUE)
# under options(survey.lonely.psu = <lonelyPsu>); nest = TRUE makes a cluster label mean
# "this cluster within this stratum", which is how Vindex reads cluster ids.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

out_dir <- file.path("src", "stats", "survey", "fixtures")
out_dir_ss <- file.path("src", "stats", "sample-size", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
dir.create(out_dir_ss, showWarnings = FALSE, recursive = TRUE)

write_fixture <- function(x, path) {
  # na = "null": an NA design effect (weights summing to less than n) becomes JSON null.
  write_json(x, path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
  cat("wrote", path, "\n")
}

capture_warnings <- function(expr) {
  w <- character(0)
  value <- withCallingHandlers(expr, warning = function(cond) {
    w <<- c(w, conditionMessage(cond))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = w)
}

na_null <- function(x) if (is.na(x)) NA_real_ else unname(x)

# One design and its estimates. Returns the request fields and either `expected` or `error`.
survey_case <- function(name, y, w, strata = NULL, clusters = NULL, fpc = NULL,
                        lonely = "fail", level = 0.95, proportion = FALSE, note = NULL) {
  df <- data.frame(y = y, w = w)
  if (!is.null(strata)) df$s <- strata
  if (!is.null(clusters)) df$cl <- clusters
  if (!is.null(fpc)) df$N <- fpc
  old <- options(survey.lonely.psu = lonely)
  on.exit(options(old))
  des <- svydesign(
    ids = if (is.null(clusters)) ~1 else ~cl,
    strata = if (is.null(strata)) NULL else ~s,
    weights = ~w,
    fpc = if (is.null(fpc)) NULL else ~N,
    data = df, nest = TRUE
  )
  case <- list(name = name, lonelyPsu = lonely, level = level, y = I(y), weights = I(w))
  if (!is.null(note)) case$note <- note
  if (!is.null(strata)) case$strata <- I(strata)
  if (!is.null(clusters)) case$clusters <- I(clusters)
  if (!is.null(fpc)) case$fpc <- I(fpc)
  r <- tryCatch(capture_warnings(svymean(~y, des, deff = TRUE)),
                error = function(e) list(error = conditionMessage(e)))
  if (!is.null(r$error)) {
    case$error <- r$error
    return(case)
  }
  m <- r$value
  dfree <- degf(des)
  ci <- confint(m, level = level, df = dfree)
  expected <- list(
    estimate = unname(coef(m)[1]),
    standardError = unname(SE(m)[1]),
    lower = unname(ci[1, 1]),
    upper = unname(ci[1, 2]),
    designEffect = na_null(deff(m)[1]),
    degreesOfFreedom = dfree
  )
  if (proportion) {
    lg <- svyciprop(~y, des, method = "logit", level = level, df = dfree)
    xl <- svyciprop(~y, des, method = "xlogit", level = level, df = dfree)
    expected$logit <- list(lower = unname(attr(lg, "ci")[1]), upper = unname(attr(lg, "ci")[2]))
    expected$xlogit <- list(lower = unname(attr(xl, "ci")[1]), upper = unname(attr(xl, "ci")[2]))
  }
  case$expected <- expected
  case$rWarnings <- I(r$warnings)
  case
}

# ---------------------------------------------------------------------------------------------
# Hand-made designs
# ---------------------------------------------------------------------------------------------

set.seed(20240611)

hand_cases <- function(proportion) {
  draw_y <- function(n) if (proportion) rbinom(n, 1, 0.35) else round(rnorm(n, 50, 12), 3)
  cases <- list()
  add <- function(case) cases[[length(cases) + 1]] <<- case

  # Unstratified, unclustered, unequal weights.
  y <- draw_y(25); w <- round(runif(25, 1, 9), 4)
  add(survey_case("srs-unequal-weights", y, w, proportion = proportion))
  add(survey_case("srs-unequal-weights-level-0.90", y, w, level = 0.9, proportion = proportion))
  add(survey_case("srs-equal-weights-with-fpc", y, rep(8, 25), fpc = rep(200, 25), proportion = proportion,
                  note = "equal weights 200/25 and fpc N = 200: classic SRS without replacement"))
  # Weights summing to less than n: svymean's deff is NA with a warning.
  add(survey_case("srs-weights-below-one", y, rep(0.5, 25), proportion = proportion,
                  note = "sum of weights < n: deff is NA (svymean warns that the weights look unscaled)"))

  # Stratified, units as PSUs.
  s <- rep(c("north", "south", "east"), times = c(12, 9, 7))
  y <- draw_y(28)
  w <- c(rep(10, 12), rep(25, 9), rep(4, 7)) * round(runif(28, 0.8, 1.2), 3)
  add(survey_case("stratified", y, w, strata = s, proportion = proportion))
  N <- c(rep(130, 12), rep(240, 9), rep(30, 7))
  add(survey_case("stratified-fpc", y, w, strata = s, fpc = N, proportion = proportion))
  # A census stratum (N_h = n_h): no variance contribution.
  add(survey_case("stratified-fpc-census-stratum", y, w, strata = s,
                  fpc = c(rep(130, 12), rep(240, 9), rep(7, 7)), proportion = proportion))

  # Stratified cluster sample; cluster labels repeat across strata (nest = TRUE).
  s <- rep(c(1, 2, 3), times = c(15, 12, 14))
  cl <- c(rep(1:4, length.out = 15), rep(1:3, length.out = 12), rep(1:5, length.out = 14))
  y <- draw_y(41)
  w <- round(runif(41, 2, 20), 3)
  add(survey_case("stratified-clustered", y, w, strata = s, clusters = cl, proportion = proportion))
  add(survey_case("stratified-clustered-fpc", y, w, strata = s, clusters = cl,
                  fpc = c(rep(10, 15), rep(3, 12), rep(40, 14)), proportion = proportion,
                  note = "with clusters, fpc is the number of PSUs in the stratum population; stratum 2 is a census of its PSUs"))
  add(survey_case("clustered-unstratified", y, w, clusters = rep(1:8, length.out = 41), proportion = proportion))

  # A stratum with a single PSU, under each lonely-PSU option.
  s <- rep(c("A", "B", "C", "D"), times = c(8, 6, 1, 5))
  y <- draw_y(20)
  w <- round(runif(20, 1, 6), 3)
  for (lonely in c("fail", "remove", "certainty", "adjust", "average")) {
    add(survey_case(paste0("lonely-unit-", lonely), y, w, strata = s, lonely = lonely, proportion = proportion))
  }
  for (lonely in c("fail", "remove", "certainty", "adjust", "average")) {
    add(survey_case(paste0("lonely-unit-fpc-", lonely), y, w, strata = s,
                    fpc = rep(c(50, 40, 9, 30), times = c(8, 6, 1, 5)), lonely = lonely, proportion = proportion))
  }
  # A certainty (census) lonely stratum is not lonely: N_h = n_h = 1 means no variance, even under "fail".
  add(survey_case("lonely-unit-census-fail", y, w, strata = s,
                  fpc = rep(c(50, 40, 1, 30), times = c(8, 6, 1, 5)), lonely = "fail", proportion = proportion))
  # Clustered: stratum "y" has one cluster of four units; two lonely strata for "average".
  s <- rep(c("x", "y", "z", "v"), times = c(12, 4, 10, 3))
  cl <- c(rep(c("a", "b", "c"), each = 4), rep("a", 4), rep(c("a", "b"), each = 5), rep("q", 3))
  y <- draw_y(29)
  w <- round(runif(29, 5, 30), 3)
  for (lonely in c("fail", "remove", "certainty", "adjust", "average")) {
    add(survey_case(paste0("lonely-cluster-", lonely), y, w, strata = s, clusters = cl, lonely = lonely,
                    proportion = proportion))
  }
  cases
}

# ---------------------------------------------------------------------------------------------
# Seeded random designs
# ---------------------------------------------------------------------------------------------

random_design <- function(k, proportion) {
  H <- sample(1:5, 1)
  clustered <- runif(1) < 0.6
  with_fpc <- runif(1) < 0.5
  lonely <- sample(c("remove", "certainty", "adjust", "average"), 1)
  s <- integer(0); cl <- integer(0); N <- numeric(0); w <- numeric(0)
  for (h in seq_len(H)) {
    nh <- sample(1:6, 1)
    if (H == 1 && nh == 1) nh <- 2
    m <- if (clustered) sample(1:5, nh, replace = TRUE) else rep(1, nh)
    s <- c(s, rep(h, sum(m)))
    cl <- c(cl, rep(seq_len(nh), times = m))
    Nh <- nh + sample(0:30, 1)
    N <- c(N, rep(Nh, sum(m)))
    w <- c(w, round((Nh / nh) * runif(sum(m), 0.5, 1.5) * (if (clustered) 3 else 1), 4))
  }
  n <- length(s)
  y <- if (proportion) rbinom(n, 1, runif(1, 0.1, 0.9)) else round(rgamma(n, 2, 0.1), 4)
  survey_case(paste0("random-", k), y, w,
              strata = if (H > 1 || runif(1) < 0.5) paste0("h", s) else NULL,
              clusters = if (clustered) cl else NULL,
              fpc = if (with_fpc) N else NULL,
              lonely = lonely, level = sample(c(0.9, 0.95, 0.99), 1), proportion = proportion)
}

mean_cases <- hand_cases(FALSE)
for (k in 1:12) mean_cases[[length(mean_cases) + 1]] <- random_design(k, FALSE)
write_fixture(list(
  source = "R survey 4.1: svydesign(nest = TRUE), svymean(deff = TRUE), confint(df = degf(design))",
  cases = mean_cases
), file.path(out_dir, "survey-mean.json"))

prop_cases <- hand_cases(TRUE)
for (k in 1:12) prop_cases[[length(prop_cases) + 1]] <- random_design(k, TRUE)
# All zeros: SE 0, the logit interval collapses to the estimate.
prop_cases[[length(prop_cases) + 1]] <- survey_case("all-zero", rep(0, 10), seq(1, 10), proportion = FALSE,
                                                    note = "svyciprop is not run: its glm diverges at p = 0")
write_fixture(list(
  source = "R survey 4.1: svymean(deff = TRUE) + confint(df = degf(design)); svyciprop(method = \"logit\" and \"xlogit\", df = degf(design))",
  cases = prop_cases
), file.path(out_dir, "survey-proportion.json"))

# ---------------------------------------------------------------------------------------------
# Sample size (Cochran 1977, Sampling Techniques, 3rd ed., section 4.4)
# ---------------------------------------------------------------------------------------------

sample_size_case <- function(e, p = 0.5, level = 0.95, deff = 1, N = NULL) {
  z <- qnorm((1 + level) / 2)
  n0 <- z^2 * p * (1 - p) * deff / e^2
  nn <- if (is.null(N)) n0 else n0 / (1 + (n0 - 1) / N)
  case <- list(marginOfError = e, proportion = p, level = level, designEffect = deff)
  if (!is.null(N)) case$populationSize <- N
  case$expected <- list(n = ceiling(nn), unroundedN = nn, n0 = n0, z = z)
  case
}
ss <- list(
  sample_size_case(0.05),
  sample_size_case(0.05, N = 1000),
  sample_size_case(0.05, N = 100),
  sample_size_case(0.05, N = 10000),
  sample_size_case(0.03),
  sample_size_case(0.03, p = 0.2, level = 0.99, deff = 1.8, N = 25000),
  sample_size_case(0.1, p = 0.1, level = 0.9),
  sample_size_case(0.02, p = 0.648, deff = 2.5, N = 5000),
  sample_size_case(0.05, p = 0.3, deff = 1.5, N = 50)
)
write_fixture(list(
  source = "R 4.2 qnorm; Cochran (1977) Sampling Techniques, 3rd ed., section 4.4",
  cases = ss
), file.path(out_dir_ss, "sample-size.json"))
