# Reference values for the per-variable reliability of a coding round (src/coding/reliability.ts).
#
# 1. Makes a made-up coded round, seeded (set.seed below), codes only:
#      src/coding/fixtures/coded-round.csv   long format round,unit,coder,variable,value
#    3 coders (ann, ben, cat), 60 units: 18 double-coded (30%), 6 triple-coded, 36 single-coded;
#    a nominal (series.selfGenerated), an ordinal (victim.ageBand) and a count (series.victimCount)
#    variable, with coder slips, notDeterminable codes and cells left uncoded.
# 2. Computes, per variable, what Vindex reports and writes
#      src/coding/fixtures/coded-round-reliability.json
#    percent agreement; Cohen's kappa per coder pair with vcd::Kappa (weights "Equal-Spacing" =
#    linear, "Fleiss-Cohen" = quadratic; unweighted for nominal); Fleiss' kappa (irr::kappam.fleiss
#    transcribed); Krippendorff's alpha (the Krippendorff 2011 coincidence matrix); both from
#    scripts/reference/lib/reliability-functions.R, shared with scripts/reference/reliability.R;
#    percentile bootstrap intervals from boot::boot resampling units (a loose check: R's RNG
#    differs from Vindex's Mersenne Twister stream).
#
# Conventions (docs/reliability.md): notDeterminable is a category of nominal variables; for the
# ordinal and count variables it is missing in kappa, Fleiss' kappa and alpha but a code like any
# other for percent agreement. Ordinal categories are scale positions 1..k of the full scale; count
# categories are the distinct values seen (vcd's equal spacing of the table's levels).
#
# Run from the repository root:  Rscript scripts/reference/coding-reliability.R
# CI never runs R; the CSV and JSON are committed.

suppressPackageStartupMessages({
  library(vcd)
  library(boot)
  library(jsonlite)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
source(file.path("scripts", "reference", "lib", "reliability-functions.R")) # kappam_fleiss, kripp_alpha
out_dir <- file.path("src", "coding", "fixtures")

# ---------------------------------------------------------------------------------------------
# 1. The coded round
# ---------------------------------------------------------------------------------------------
set.seed(20261129)
coders <- c("ann", "ben", "cat")
pairs <- list(c("ann", "ben"), c("ben", "cat"), c("ann", "cat"))
units <- sprintf("u%02d", 1:60)
who <- lapply(seq_along(units), function(i) {
  if (i <= 18) pairs[[(i - 1) %% 3 + 1]] else if (i <= 24) coders else coders[(i - 1) %% 3 + 1]
})
age_scale <- c("infantToddler", "prepubescent", "pubescent", "postPubescent")
truth_flag <- sample(c("yes", "no", "notDeterminable"), 60, replace = TRUE, prob = c(0.3, 0.6, 0.1))
truth_age <- sample(1:4, 60, replace = TRUE, prob = c(0.1, 0.4, 0.35, 0.15))
truth_count <- sample(1:5, 60, replace = TRUE, prob = c(0.5, 0.25, 0.12, 0.08, 0.05))
rows <- list()
for (i in seq_along(units)) for (coder in who[[i]]) {
  if (runif(1) > 0.05) {
    v <- truth_flag[i]
    if (runif(1) < 0.15) v <- sample(setdiff(c("yes", "no", "notDeterminable"), v), 1)
    rows[[length(rows) + 1]] <- c(units[i], coder, "series.selfGenerated", v)
  }
  if (runif(1) > 0.05) {
    a <- truth_age[i]
    if (runif(1) < 0.2) a <- min(4, max(1, a + sample(c(-1, 1), 1)))
    v <- if (runif(1) < 0.08) "notDeterminable" else age_scale[a]
    rows[[length(rows) + 1]] <- c(units[i], coder, "victim.ageBand", v)
  }
  if (runif(1) > 0.05) {
    n <- truth_count[i]
    if (runif(1) < 0.2) n <- max(1, n + sample(c(-1, 1), 1))
    rows[[length(rows) + 1]] <- c(units[i], coder, "series.victimCount", as.character(n))
  }
}
coded <- data.frame(round = "r1", do.call(rbind, rows), stringsAsFactors = FALSE)
names(coded) <- c("round", "unit", "coder", "variable", "value")
write.csv(coded, file.path(out_dir, "coded-round.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", file.path(out_dir, "coded-round.csv"), nrow(coded), "codings\n")

# ---------------------------------------------------------------------------------------------
# 2. Coefficients
# ---------------------------------------------------------------------------------------------
levels_of <- c(series.selfGenerated = "nominal", victim.ageBand = "ordinal", series.victimCount = "ratio")

score <- function(value, level) {
  if (level == "nominal") return(value)
  out <- if (level == "ordinal") match(value, age_scale) else suppressWarnings(as.numeric(value))
  out[value == "notDeterminable"] <- NA
  out
}

cohen <- function(a, b, level, weights) {
  lev <- if (level == "ordinal") 1:4 else sort(unique(c(a, b)))
  tab <- table(factor(a, levels = lev), factor(b, levels = lev))
  if (level == "nominal") return(unname(vcd::Kappa(tab)$Unweighted[["value"]]))
  unname(vcd::Kappa(tab, weights = if (weights == "quadratic") "Fleiss-Cohen" else "Equal-Spacing")$Weighted[["value"]])
}

# Share of agreeing pairs of codings in one unit.
unit_agreement <- function(x) {
  n <- table(x)
  sum(n * (n - 1)) / (length(x) * (length(x) - 1))
}

boot_ci <- function(n, stat, R = 4000) {
  b <- boot(seq_len(n), function(d, idx) stat(idx), R = R)
  q <- quantile(b$t[, 1], c(0.025, 0.975), type = 7, na.rm = TRUE)
  list(lower = unname(q[1]), upper = unname(q[2]))
}

variable_case <- function(d, variable, round_coders, raters, weights) {
  level <- levels_of[[variable]]
  d <- d[d$variable == variable, ]
  per_unit <- split(d, d$unit)
  per_unit <- per_unit[sapply(per_unit, nrow) >= 2]
  per_unit <- per_unit[order(names(per_unit))]
  shares <- sapply(per_unit, function(u) unit_agreement(u$value))

  kappa_pair <- function(a, b) {
    x <- c(); y <- c()
    for (u in per_unit) if (all(c(a, b) %in% u$coder)) {
      sa <- score(u$value[u$coder == a], level); sb <- score(u$value[u$coder == b], level)
      if (!is.na(sa) && !is.na(sb)) { x <- c(x, sa); y <- c(y, sb) }
    }
    list(units = length(x), kappa = if (length(x) < 2) NA else cohen(x, y, level, weights))
  }
  cohen_value <- NULL
  pairwise <- list()
  if (length(round_coders) == 2) cohen_value <- kappa_pair(round_coders[1], round_coders[2])$kappa
  else for (p in combn(round_coders, 2, simplify = FALSE)) {
    k <- kappa_pair(p[1], p[2])
    if (k$units >= 2) pairwise[[length(pairwise) + 1]] <- list(coders = I(p), units = k$units, kappa = k$kappa)
  }

  fl <- per_unit[sapply(per_unit, nrow) == raters]
  fleiss_rows <- if (length(fl) == 0) NULL else do.call(rbind, lapply(fl, function(u) score(u$value[order(u$coder)], level)))
  fleiss_rows <- if (is.null(fleiss_rows)) NULL else fleiss_rows[complete.cases(fleiss_rows), , drop = FALSE]
  fleiss <- if (is.null(fleiss_rows) || nrow(fleiss_rows) < 2) NULL else kappam_fleiss(fleiss_rows)$kappa

  present <- sort(unique(d$coder))
  data <- sapply(per_unit, function(u) sapply(present, function(c) if (c %in% u$coder) score(u$value[u$coder == c], level) else NA))
  alpha <- kripp_alpha(data, level)$alpha
  pairable <- sum(colSums(!is.na(data)) >= 2)
  data_pairable <- data[, colSums(!is.na(data)) >= 2, drop = FALSE]

  list(
    variable = variable, level = level, units = length(per_unit), codings = sum(sapply(per_unit, nrow)),
    percentAgreement = mean(shares),
    cohenKappa = cohen_value,
    pairwiseKappa = pairwise,
    fleissKappa = fleiss,
    krippendorffAlpha = alpha,
    pairableUnits = pairable,
    bootstrap = list(
      percentAgreement = boot_ci(length(shares), function(idx) mean(shares[idx])),
      krippendorffAlpha = boot_ci(ncol(data_pairable), function(idx) kripp_alpha(data_pairable[, idx, drop = FALSE], level)$alpha)
    )
  )
}

set.seed(7)
cases <- list()
add_case <- function(name, round_coders, raters, weights) {
  d <- coded[coded$coder %in% round_coders, ]
  cases[[length(cases) + 1]] <<- list(
    name = name, coders = I(round_coders), ratersPerOverlap = raters, kappaWeights = weights,
    variables = lapply(names(levels_of), function(v) variable_case(d, v, round_coders, raters, weights))
  )
}
add_case("three coders, Fleiss on double-coded units, linear weights", coders, 2, "linear")
add_case("three coders, Fleiss on triple-coded units, quadratic weights", coders, 3, "quadratic")
add_case("two coders (ann, ben), linear weights", c("ann", "ben"), 2, "linear")

write_json(list(
  source = "scripts/reference/coding-reliability.R (vcd::Kappa, irr::kappam.fleiss transcribed, Krippendorff 2011 coincidence matrix, boot::boot)",
  scale = list(victim.ageBand = I(age_scale)),
  cases = cases
), file.path(out_dir, "coded-round-reliability.json"), digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null", null = "null")
cat("wrote", file.path(out_dir, "coded-round-reliability.json"), "\n")
