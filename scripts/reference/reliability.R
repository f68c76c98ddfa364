# Reference fixtures for the inter-rater reliability methods of the statistical engine:
#   cohen-kappa         vcd::Kappa + confint (weights "Equal-Spacing" = linear,
#                       "Fleiss-Cohen" = quadratic)            -> src/stats/reliability/fixtures/cohen-kappa.json
#   fleiss-kappa        irr::kappam.fleiss(ratings), exact = FALSE, transcribed in
#                       lib/reliability-functions.R (irr is not installed)
#                                                              -> src/stats/reliability/fixtures/fleiss-kappa.json
#   krippendorff-alpha  Krippendorff (2011) coincidence matrix, written out in
#                       lib/reliability-functions.R from the paper's definitions; bootstrap
#                       intervals from boot::boot (loose check)
#                                                              -> src/stats/reliability/fixtures/krippendorff-alpha.json
#
# Run from the repository root:  Rscript scripts/reference/reliability.R
# (R 4.2 from Debian with vcd, boot and jsonlite.) CI never runs R; the JSON files are committed.
# Published values are checked here too (stopifnot), so a wrong transcription cannot write fixtures.
#
# Conventions shared with the TypeScript side:
#   - Categories are the distinct ratings, numbers by value, strings in C-locale (code-unit) order;
#     weights use positions 1..k in that order (vcd's equal spacing), unless a case lists its
#     categories explicitly.
#   - Missing values are NA here and null in JSON. Undefined results (NaN in R) are null in JSON.

suppressPackageStartupMessages({
  library(vcd)
  library(boot)
  library(jsonlite)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
source(file.path("scripts", "reference", "lib", "reliability-functions.R")) # kappam_fleiss, kripp_alpha

out_dir <- file.path("src", "stats", "reliability", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
published <- file.path("..", "shared", "reference")

write_fixture <- function(x, path) {
  write_json(x, path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
  cat("wrote", path, "\n")
}

near <- function(x, y, tol) isTRUE(abs(x - y) <= tol)

# JSON arrays that stay arrays for length 1, and rows of a matrix as arrays.
arr <- function(x) I(unname(x))
rows_of <- function(X) lapply(seq_len(nrow(X)), function(i) arr(X[i, ]))

# ---------------------------------------------------------------------------------------------
# Cohen's kappa (vcd::Kappa)
# ---------------------------------------------------------------------------------------------

cohen_from_table <- function(tab, weights, level) {
  k <- vcd::Kappa(tab, weights = if (weights == "quadratic") "Fleiss-Cohen" else "Equal-Spacing")
  ci <- confint(k, level = level)
  row <- if (weights == "none") 1 else 2
  part <- if (weights == "none") k$Unweighted else k$Weighted
  nc <- ncol(tab)
  W <- if (weights == "none") diag(1, nc) else k$Weights
  n <- sum(tab)
  list(
    kappa = unname(part[["value"]]),
    standardError = unname(part[["ASE"]]),
    lower = unname(ci[row, 1]),
    upper = unname(ci[row, 2]),
    observedAgreement = sum(W * tab) / n,
    expectedAgreement = sum(W * (rowSums(tab) / n) %o% (colSums(tab) / n))
  )
}

cohen_cases <- list()
add_cohen <- function(name, a, b, weights = c("none", "linear", "quadratic"), level = 0.95,
                      categories = NULL, note = NULL) {
  keep <- !is.na(a) & !is.na(b)
  lev <- if (is.null(categories)) sort(unique(c(a[keep], b[keep]))) else categories
  tab <- table(factor(a[keep], levels = lev), factor(b[keep], levels = lev))
  for (w in weights) {
    case <- list(
      name = paste0(name, " [", w, "]"),
      pairs = lapply(seq_along(a), function(i) arr(c(a[i], b[i]))),
      weights = w,
      level = level,
      expected = c(cohen_from_table(tab, w, level), list(n = sum(keep), categories = arr(lev)))
    )
    if (!is.null(categories)) case$categories <- arr(categories)
    if (!is.null(note)) case$note <- note
    cohen_cases[[length(cohen_cases) + 1]] <<- case
  }
}

anxiety <- read.csv(file.path(published, "published", "irr-anxiety.csv"))
diagnoses <- read.csv(file.path(published, "published", "irr-diagnoses-fleiss1971.csv"))
vision <- as.matrix(read.csv(file.path(published, "published", "irr-vision-stuart1953-table.csv"))[, -1])
dimnames(vision) <- NULL

# Published: irr::kappa2(anxiety[, 1:2]) = 0.119.
add_cohen("anxiety r1-r2 (irr, published kappa 0.119)", anxiety$rater1, anxiety$rater2)
stopifnot(near(cohen_cases[[length(cohen_cases) - 2]]$expected$kappa, 0.119, 5e-4))
add_cohen("diagnoses rater1-rater6 (Fleiss 1971 data)", diagnoses$rater1, diagnoses$rater6)

# Published: Stuart (1953) vision table, kappa 0.5954, quadratic-weighted 0.7023. Stored as a
# table; the test expands it to 7,477 pairs.
vision_case <- function(w) {
  list(name = paste0("vision Stuart 1953 [", w, "]"), table = rows_of(vision), weights = w, level = 0.95,
       expected = c(cohen_from_table(as.table(vision), w, 0.95), list(n = sum(vision), categories = arr(1:4))))
}
vision_cases <- lapply(c("none", "linear", "quadratic"), vision_case)
stopifnot(near(vision_cases[[1]]$expected$kappa, 0.5954, 5e-5), near(vision_cases[[3]]$expected$kappa, 0.7023, 5e-5))
cohen_cases <- c(cohen_cases, vision_cases)

# Edge cases.
add_cohen("one category (both raters always 3): kappa undefined", rep(3, 8), rep(3, 8), weights = "none",
          note = "expected agreement 1; vcd gives NaN for kappa and its ASE")
add_cohen("category 4 used by only one rater", c(1, 2, 3, 1, 2, 3, 1, 2, 3, 2, 1, 3),
          c(1, 2, 4, 1, 3, 3, 4, 2, 3, 2, 2, 4))
add_cohen("missing ratings dropped", c(1, 2, NA, 3, 2, 1, 3, NA, 2, 1, 3, 3),
          c(1, NA, 2, 3, 2, 2, 3, 1, NA, 1, 2, 3))
add_cohen("perfect agreement, 3 categories", c(1, 2, 3, 1, 2, 3, 3), c(1, 2, 3, 1, 2, 3, 3))
add_cohen("string categories (C-locale order: absent < partial < present)",
          c("present", "absent", "partial", "present", "absent", "absent", "partial", "present", "present", "absent"),
          c("present", "absent", "present", "partial", "absent", "partial", "partial", "present", "absent", "absent"))
add_cohen("explicit scale 1..5 with 3 unused", c(1, 2, 4, 5, 1, 2, 4, 5, 2, 4), c(1, 2, 5, 5, 2, 2, 4, 4, 1, 4),
          categories = c(1, 2, 3, 4, 5))
add_cohen("codes 2, 10, 9: numeric order", c(2, 10, 9, 10, 2, 9, 9), c(2, 9, 9, 10, 2, 10, 9))
add_cohen("level 0.9", anxiety$rater2, anxiety$rater3, level = 0.9)

set.seed(20261129)
for (i in 1:6) {
  k <- sample(2:6, 1)
  n <- sample(c(30, 100, 400), 1)
  truth <- sample.int(k, n, replace = TRUE)
  noisy <- function() ifelse(runif(n) < 0.6, truth, sample.int(k, n, replace = TRUE))
  add_cohen(sprintf("random %d: k=%d n=%d", i, k, n), noisy(), noisy(), level = c(0.9, 0.95, 0.99)[(i %% 3) + 1])
}

write_fixture(list(
  source = "vcd::Kappa and confint.Kappa (vcd on R 4.2); scripts/reference/reliability.R",
  cases = cohen_cases
), file.path(out_dir, "cohen-kappa.json"))

# ---------------------------------------------------------------------------------------------
# Fleiss' kappa: irr::kappam.fleiss(ratings, exact = FALSE, detail = FALSE)
# ---------------------------------------------------------------------------------------------

# kappam_fleiss: scripts/reference/lib/reliability-functions.R

fleiss_cases <- list()
add_fleiss <- function(name, ratings, note = NULL) {
  r <- kappam_fleiss(ratings)
  case <- list(name = name, ratings = rows_of(as.matrix(ratings)),
               expected = list(kappa = r$kappa, standardError = r$standardError, z = r$z,
                               pValue = r$pValueLowerTail, pValueIrr = r$pValue,
                               subjects = r$subjects, raters = r$raters))
  if (!is.null(note)) case$note <- note
  fleiss_cases[[length(fleiss_cases) + 1]] <<- case
}

add_fleiss("diagnoses (Fleiss 1971; irr 0.430245)", diagnoses)
stopifnot(near(fleiss_cases[[1]]$expected$kappa, 0.430245, 5e-7))
add_fleiss("anxiety, 3 raters", anxiety)
add_fleiss("2 raters (anxiety r1, r2)", anxiety[, 1:2])
add_fleiss("one category everywhere: kappa undefined", matrix(2, nrow = 6, ncol = 4),
           note = "chance agreement 1; R gives NaN")
add_fleiss("category 5 used by only one rater", cbind(c(1, 2, 3, 1, 2, 3, 1, 2), c(1, 2, 3, 1, 3, 3, 2, 2), c(1, 5, 3, 5, 2, 3, 1, 5)))
add_fleiss("units with a missing rating dropped", cbind(c(1, 2, NA, 1, 2, 3, 1, 2, 3), c(1, 2, 3, 1, NA, 3, 2, 2, 3), c(1, 2, 3, 2, 2, 3, 1, 2, 1)))
set.seed(20261130)
for (i in 1:5) {
  nr <- c(2, 3, 5, 5, 8)[i]
  k <- sample(2:6, 1)
  n <- sample(c(20, 60, 250), 1)
  truth <- sample.int(k, n, replace = TRUE)
  m <- sapply(1:nr, function(j) ifelse(runif(n) < 0.5, truth, sample.int(k, n, replace = TRUE)))
  add_fleiss(sprintf("random %d: %d raters, k=%d, n=%d", i, nr, k, n), m)
}

write_fixture(list(
  source = "irr::kappam.fleiss (irr 0.84.1) transcribed in scripts/reference/reliability.R",
  cases = fleiss_cases
), file.path(out_dir, "fleiss-kappa.json"))

# ---------------------------------------------------------------------------------------------
# Krippendorff's alpha: the coincidence matrix of Krippendorff (2011), written from the paper
# ---------------------------------------------------------------------------------------------

# kripp_alpha: scripts/reference/lib/reliability-functions.R

kripp_cases <- list()
add_kripp <- function(name, data, levels = c("nominal", "ordinal", "interval", "ratio"), note = NULL) {
  data <- as.matrix(data)
  units <- sum(colSums(!is.na(data)) >= 2)
  for (l in levels) {
    r <- kripp_alpha(data, l)
    case <- list(name = paste0(name, " [", l, "]"), data = rows_of(data), level = l,
                 expected = c(r, list(units = units, droppedUnits = ncol(data) - units)))
    if (!is.null(note)) case$note <- note
    kripp_cases[[length(kripp_cases) + 1]] <<- case
  }
}

k2011 <- fromJSON(file.path(published, "krippendorff-2011.json"))
k2011_data <- k2011$data
add_kripp("Krippendorff 2011 worked example", k2011_data)
for (i in 1:4) {
  stopifnot(near(kripp_cases[[i]]$expected$alpha, k2011$alpha[[kripp_cases[[i]]$level]], 5e-4))
}

add_kripp("one value only: alpha undefined", matrix(c(2, 2, NA, 2, 2, 2, 2, NA), nrow = 2),
          note = "no variation among pairable values; D_e = 0")
add_kripp("value 5 used by only one coder", rbind(c(1, 2, 3, 3, 2, 1, 4), c(1, 2, 3, 4, 2, 1, 4), c(5, 2, 3, 3, 2, 2, 4)))
add_kripp("ratio with zeros", rbind(c(0, 1, 2, 0, 3, 5, 0), c(0, 1, 3, 1, 3, 4, 0)), levels = c("ratio", "interval"))
add_kripp("2 coders, missing values", rbind(c(1, 2, NA, 3, 2, 1, 3, 2, 4, 1), c(1, 3, 2, 3, NA, 1, 3, 2, 3, 2)))

kripp_nominal_strings <- rbind(
  c("girl", "boy", "both", "girl", NA, "girl", "boy", "unknown"),
  c("girl", "boy", "girl", "girl", "boy", NA, "boy", "unknown"),
  c("girl", "both", "both", NA, "boy", "girl", "boy", "girl"))
add_kripp("strings, nominal", kripp_nominal_strings, levels = "nominal")

set.seed(20261201)
for (i in 1:6) {
  coders <- c(2, 3, 5, 5, 3, 4)[i]
  k <- sample(3:7, 1)
  n <- sample(c(15, 50, 200), 1)
  truth <- sample.int(k, n, replace = TRUE)
  m <- t(sapply(1:coders, function(j) ifelse(runif(n) < 0.7, truth, sample.int(k, n, replace = TRUE))))
  m[matrix(runif(coders * n) < 0.2, coders, n)] <- NA
  add_kripp(sprintf("random %d: %d coders, k=%d, n=%d, 20%% missing", i, coders, k, n), m)
}
# Non-integer interval values (many distinct values).
set.seed(20261202)
truth <- rnorm(40, 10, 3)
m <- rbind(truth + rnorm(40, 0, 1), truth + rnorm(40, 0, 1), truth + rnorm(40, 0, 1.5))
m[1, c(3, 9)] <- NA
m[3, c(3, 20)] <- NA
add_kripp("random continuous, 3 coders", m, levels = c("interval", "ratio"))

# Bootstrap: Vindex resamples pairable units with replacement (percentile interval). R's boot
# draws differ from the Mersenne Twister stream Vindex uses, so this is a loose Monte Carlo check
# (the test allows a few hundredths), not a 1e-9 fixture.
set.seed(20261203)
n <- 150
truth <- sample.int(5, n, replace = TRUE)
boot_data <- t(sapply(1:3, function(j) ifelse(runif(n) < 0.7, truth, sample.int(5, n, replace = TRUE))))
boot_data[matrix(runif(3 * n) < 0.1, 3, n)] <- NA
pairable <- boot_data[, colSums(!is.na(boot_data)) >= 2]
boot_cases <- lapply(c("nominal", "interval"), function(l) {
  b <- boot(seq_len(ncol(pairable)), function(d, idx) kripp_alpha(pairable[, idx, drop = FALSE], l)$alpha, R = 4000)
  ci <- boot.ci(b, conf = 0.95, type = "perc")$percent[4:5]
  list(name = paste0("bootstrap, 3 coders, 150 units [", l, "]"), data = rows_of(boot_data), level = l,
       alpha = b$t0, lower = ci[1], upper = ci[2], samples = 4000)
})

write_fixture(list(
  source = "Krippendorff (2011) coincidence matrix written out in scripts/reference/reliability.R; bootstrap from boot::boot (percentile)",
  cases = kripp_cases,
  bootstrap = boot_cases
), file.path(out_dir, "krippendorff-alpha.json"))
