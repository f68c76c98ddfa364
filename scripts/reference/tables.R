# Reference values for proportions, contingency tables, ordinal association and trend
# (src/stats/{proportion,crosstab,ordinal,trend}/*.test.ts).
# Run from the repository root: Rscript scripts/reference/tables.R
# Needs only base R (stats) and jsonlite. DescTools is not installed: its GoodmanKruskalGamma and
# KendallTauB formulas are written out below.
suppressPackageStartupMessages(library(jsonlite))

write_fixture <- function(x, dir, name) {
  dir.create(dir, showWarnings = FALSE, recursive = TRUE)
  # na = "null": NaN and NA (undefined statistics, dropped cells) become JSON null.
  write_json(x, file.path(dir, name), digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
}

# ── proportions ─────────────────────────────────────────────────────────────────────────────
# wilson: prop.test(correct = FALSE)$conf.int; clopper-pearson: binom.test()$conf.int;
# agresti-coull and jeffreys by the formulas of Brown, Cai & DasGupta (2001), Statistical Science
# 16(2), §4.1.2 and §4.1.3:
#   Agresti–Coull: ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z √(p̃(1 − p̃)/ñ), clipped to [0, 1].
#   Jeffreys: qbeta(α/2, x + ½, n − x + ½), qbeta(1 − α/2, x + ½, n − x + ½), with the boundary
#   convention lower = 0 at x = 0 and upper = 1 at x = n (BCD's; their further change at x = 1 and
#   x = n − 1 is not applied).
# estimate is x/n for every method.
interval <- function(x, n, method, level) {
  z <- qnorm(1 - (1 - level) / 2)
  a <- (1 - level) / 2
  ci <- switch(method,
    "wilson" = suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = level))$conf.int,
    "clopper-pearson" = binom.test(x, n, conf.level = level)$conf.int,
    "agresti-coull" = {
      nt <- n + z^2
      pt <- (x + z^2 / 2) / nt
      h <- z * sqrt(pt * (1 - pt) / nt)
      c(max(0, pt - h), min(1, pt + h))
    },
    "jeffreys" = c(
      if (x == 0) 0 else qbeta(a, x + 0.5, n - x + 0.5),
      if (x == n) 1 else qbeta(1 - a, x + 0.5, n - x + 0.5)
    )
  )
  list(x = x, n = n, method = method, level = level, estimate = x / n, lower = ci[1], upper = ci[2])
}
methods <- c("wilson", "clopper-pearson", "agresti-coull", "jeffreys")
edge <- list(c(0, 10), c(10, 10), c(0, 1), c(1, 1), c(1, 2), c(0, 50), c(50, 50), c(1, 50), c(49, 50),
  c(3, 7), c(500, 1000), c(1, 100000), c(99999, 100000), c(17, 40))
prop_cases <- list()
for (e in edge) for (m in methods) for (lv in c(0.9, 0.95, 0.99)) {
  prop_cases[[length(prop_cases) + 1]] <- interval(e[1], e[2], m, lv)
}
set.seed(20250301)
for (k in 1:60) {
  n <- sample(c(1:30, sample(31:5000, 1)), 1)
  x <- sample(0:n, 1)
  lv <- sample(c(0.8, 0.9, 0.95, 0.99, 0.999), 1)
  m <- methods[(k - 1) %% 4 + 1]
  c0 <- interval(x, n, m, lv)
  c0$random <- TRUE
  prop_cases[[length(prop_cases) + 1]] <- c0
}
write_fixture(list(r = R.version.string, cases = prop_cases), "src/stats/proportion/fixtures", "proportion.json")

# ── contingency tables ──────────────────────────────────────────────────────────────────────
# Rows and columns whose total is 0 are dropped before df and the statistics (chisq.test would
# give NaN); expected is reported for every cell of the original table (0 in a dropped row or
# column) and adjusted residuals are null there.
# chiSquare: chisq.test(correct = FALSE); likelihoodRatio: G² = 2 Σ o log(o/e) over o > 0, same df,
# pchisq upper tail; cramersV = sqrt(χ²/(n (min(r, c) − 1))) on the reduced table;
# adjustedResiduals: chisq.test()$stdres; fisherExactP: fisher.test() (network algorithm, FEXACT,
# for r × c; exact conditional 2 × 2 otherwise).
crosstab_case <- function(t, name, fisher = TRUE) {
  t <- as.matrix(t)
  keep_r <- rowSums(t) > 0
  keep_c <- colSums(t) > 0
  tr <- t[keep_r, keep_c, drop = FALSE]
  res <- list(name = name, table = unname(lapply(seq_len(nrow(t)), function(i) t[i, ])))
  n <- sum(t)
  expected <- outer(rowSums(t), colSums(t)) / n
  res$expected <- unname(lapply(seq_len(nrow(t)), function(i) expected[i, ]))
  if (nrow(tr) < 2 || ncol(tr) < 2) {
    res$degenerate <- TRUE
    # fisher.test: one possible table gives p = 1; an all-zero r × c table is an error in R
    # (FEXACT error 3), so Vindex answers null (NA here) for n = 0.
    if (nrow(t) >= 2 && ncol(t) >= 2) res$fisherExactP <- if (n > 0) fisher.test(t)$p.value else NA
    return(res)
  }
  ct <- suppressWarnings(chisq.test(tr, correct = FALSE))
  e <- ct$expected
  g2 <- 2 * sum(ifelse(tr > 0, tr * log(tr / e), 0))
  df <- unname(ct$parameter)
  stdres <- matrix(NA_real_, nrow(t), ncol(t))
  stdres[keep_r, keep_c] <- ct$stdres
  res$degenerate <- FALSE
  res$chiSquare <- list(statistic = unname(ct$statistic), df = df, pValue = ct$p.value)
  res$likelihoodRatio <- list(statistic = g2, df = df, pValue = pchisq(g2, df, lower.tail = FALSE))
  res$cramersV <- sqrt(unname(ct$statistic) / (sum(tr) * (min(dim(tr)) - 1)))
  res$adjustedResiduals <- unname(lapply(seq_len(nrow(t)), function(i) stdres[i, ]))
  # Absent (not null) when R was not asked: the test then checks nothing.
  if (fisher) res$fisherExactP <- fisher.test(tr, workspace = 2e7)$p.value
  res
}
tables <- list(
  list("2x2", matrix(c(12, 5, 7, 15), 2)),
  list("2x2 with a zero cell", matrix(c(8, 0, 3, 9), 2)),
  list("2x2 tea tasting (Agresti)", matrix(c(3, 1, 1, 3), 2)),
  list("2x2 large n", matrix(c(1234, 987, 1100, 1211), 2)),
  list("3x4", matrix(c(3, 2, 0, 1, 4, 2, 0, 6, 3, 5, 1, 8), 3)),
  list("3x4 with a zero cell", matrix(c(10, 4, 0, 6, 9, 3, 2, 5, 11, 7, 8, 4), 3)),
  list("5x2", matrix(c(3, 5, 8, 2, 4, 7, 2, 1, 9, 4), 5)),
  list("job satisfaction (Agresti 2007, 4x4)", matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, byrow = TRUE)),
  list("3x3 with an empty row", matrix(c(4, 0, 6, 2, 0, 7, 5, 0, 1), 3)),
  list("3x3 with an empty column", matrix(c(4, 3, 6, 0, 0, 0, 5, 8, 1), 3)),
  list("2x3 with an empty row and column", matrix(c(5, 0, 0, 0, 3, 0, 2, 0, 6, 0, 0, 0), 4)),
  list("all zero", matrix(0, 2, 3)),
  list("one non-empty row", matrix(c(3, 0, 4, 0, 5, 0), 2)),
  list("one non-empty column", matrix(c(3, 4, 0, 0), 2)),
  list("1x3", matrix(c(3, 4, 5), 1))
)
cross_cases <- lapply(tables, function(x) crosstab_case(x[[2]], x[[1]]))
set.seed(20250302)
for (k in 1:40) {
  r <- sample(2:5, 1)
  c <- sample(2:5, 1)
  lambda <- sample(c(1, 2, 4, 8, 15), 1)
  t <- matrix(rpois(r * c, lambda), r)
  if (sum(t) == 0) t[1, 1] <- 1
  size <- prod(dim(t)) * lambda
  # fisher.test on the bigger r × c tables takes too long or needs a huge workspace.
  x <- crosstab_case(t, sprintf("random %d", k), fisher = size <= 120 || (r == 2 && c == 2))
  x$random <- TRUE
  cross_cases[[length(cross_cases) + 1]] <- x
}
write_fixture(list(r = R.version.string, cases = cross_cases), "src/stats/crosstab/fixtures", "crosstab.json")

# ── Fisher exact test ───────────────────────────────────────────────────────────────────────
# fisher.test(workspace = 2e8): 2 × 2 tables with large n and far tails (R: conditional
# hypergeometric, ties within relErr = 1 + 1e-7), and r × c tables up to a few hundred counts
# (R: FEXACT network algorithm). seconds is R's time, for judging what Vindex's work budget
# (fisherExact returns null beyond it) leaves out.
fisher_case <- function(t, name) {
  t <- as.matrix(t)
  seconds <- system.time(p <- tryCatch(fisher.test(t, workspace = 2e8)$p.value, error = function(e) NA))[["elapsed"]]
  list(name = name, table = unname(lapply(seq_len(nrow(t)), function(i) t[i, ])), pValue = p, seconds = seconds)
}
fisher_cases <- list(
  fisher_case(matrix(c(123456, 120001, 119876, 125000), 2), "2x2 n = 488,333"),
  fisher_case(matrix(c(2500000, 2499000, 2501000, 2500000), 2), "2x2 n = 10 million"),
  fisher_case(matrix(c(300, 150, 150, 300), 2), "2x2 far tail"),
  fisher_case(matrix(c(800, 200, 200, 800), 2), "2x2 p near 1e-160"),
  fisher_case(matrix(c(0, 5000, 5000, 0), 2), "2x2 p below the double range (0 in R)"),
  fisher_case(matrix(c(1, 0, 0, 1), 2), "2x2 n = 2"),
  fisher_case(matrix(c(5, 5, 5, 5, 5, 5), 2), "2x3 uniform (every table ties or beats it)"),
  fisher_case(matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, byrow = TRUE), "job satisfaction 4x4"),
  fisher_case(matrix(c(8, 5, 3, 6, 4, 9, 7, 2, 6, 3, 10, 8, 5, 7, 4, 9), 4, byrow = TRUE), "4x4 n = 100"),
  fisher_case(matrix(c(5, 3, 8, 2, 6, 4, 7, 1, 9, 3, 2, 6, 3, 7, 4, 8, 1, 5, 2, 6), 2, byrow = TRUE), "2x10 n = 88"),
  fisher_case(matrix(c(20, 15, 10, 5, 8, 12, 18, 9, 14, 7, 6, 11, 22, 9, 13, 9, 7, 8, 19, 10, 15, 9, 12, 8, 21), 5, byrow = TRUE), "5x5 n = 317 (beyond both)")
)
set.seed(20250305)
shapes <- list(c(2, 6, 150), c(3, 3, 300), c(3, 6, 80), c(4, 5, 90), c(5, 5, 60), c(6, 4, 70), c(8, 2, 150), c(2, 3, 1000), c(3, 4, 150), c(6, 6, 40))
for (k in seq_along(shapes)) {
  sh <- shapes[[k]]
  t <- matrix(0, sh[1], sh[2])
  cells <- sample(length(t), sh[3], replace = TRUE, prob = rexp(length(t)))
  for (cell in cells) t[cell] <- t[cell] + 1
  x <- fisher_case(t, sprintf("random %dx%d n = %d", sh[1], sh[2], sh[3]))
  x$random <- TRUE
  fisher_cases[[length(fisher_cases) + 1]] <- x
}
write_fixture(list(r = R.version.string, cases = fisher_cases), "src/stats/crosstab/fixtures", "fisher-exact.json")

# ── ordinal association ─────────────────────────────────────────────────────────────────────
# DescTools::ConDisPairs and GoodmanKruskalGamma written out (DescTools 0.99: Agresti 2002 §3.4.4;
# 2010 §7.1): psi = 2(D πc − C πd)/(C + D)², ASE² = Σ n psi² − (Σ n psi)².
# Kendall τ-b: 2(C − D)/√(wr·wc), wr = n² − Σ nᵢ.², wc = n² − Σ n.ⱼ²; checked against
# cor(x, y, method = "kendall") on the expanded data. Its non-null ASE by the delta method as in
# SAS PROC FREQ: ASE = √(Σ n (2 w d + τ v)² − n³ τ² (wr + wc)²)/w², d = πc − πd,
# v = nᵢ. wc + n.ⱼ wr, w = √(wr wc); checked against a numerical delta method below.
# DescTools::KendallTauB's tauphi multiplies its column term by δ₁δ₂ where the derivative has
# δ₁/δ₂, so its ASE differs in the third digit; its value is recorded as descToolsAse, not tested.
con_dis <- function(x) {
  n <- nrow(x)
  m <- ncol(x)
  pi.c <- pi.d <- matrix(0, n, m)
  rx <- row(x)
  cx <- col(x)
  for (i in 1:n) for (j in 1:m) {
    pi.c[i, j] <- sum(x[rx < i & cx < j]) + sum(x[rx > i & cx > j])
    pi.d[i, j] <- sum(x[rx < i & cx > j]) + sum(x[rx > i & cx < j])
  }
  list(pi.c = pi.c, pi.d = pi.d, C = sum(pi.c * x) / 2, D = sum(pi.d * x) / 2)
}
gk_gamma <- function(tab) {
  x <- con_dis(tab)
  psi <- 2 * (x$D * x$pi.c - x$C * x$pi.d) / (x$C + x$D)^2
  # max(0, ·): at |γ| = 1 the two sums cancel and rounding can leave a tiny negative.
  list(estimate = (x$C - x$D) / (x$C + x$D), ase = sqrt(max(0, sum(tab * psi^2) - sum(tab * psi)^2)))
}
tau_b <- function(tab) {
  x <- con_dis(tab)
  n <- sum(tab)
  ni <- rowSums(tab)
  nj <- colSums(tab)
  wr <- n^2 - sum(ni^2)
  wc <- n^2 - sum(nj^2)
  w <- sqrt(wr * wc)
  t <- 2 * (x$C - x$D) / w
  d <- x$pi.c - x$pi.d
  v <- outer(ni * wc, nj * wr, "+")
  list(estimate = t, ase = sqrt(max(0, sum(tab * (2 * w * d + t * v)^2) - n^3 * t^2 * (wr + wc)^2)) / w^2)
}
desctools_tau_b_ase <- function(tab) {
  x <- con_dis(tab)
  n <- sum(tab)
  pi <- tab / n
  pdiff <- (x$pi.c - x$pi.d) / n
  Pdiff <- 2 * (x$C - x$D) / n^2
  rowsum <- rowSums(pi)
  colsum <- colSums(pi)
  rowmat <- matrix(rep(rowsum, ncol(tab)), ncol = ncol(tab))
  colmat <- matrix(rep(colsum, nrow(tab)), nrow = nrow(tab), byrow = TRUE)
  d1 <- sqrt(1 - sum(rowsum^2))
  d2 <- sqrt(1 - sum(colsum^2))
  tauphi <- (2 * pdiff + Pdiff * colmat) * d2 * d1 + (Pdiff * rowmat * d2) / d1
  sqrt(((sum(pi * tauphi^2) - sum(pi * tauphi)^2) / (d1 * d2)^4) / n)
}
# Delta method by central differences on the cell proportions: an independent check of the ASEs.
numeric_ase <- function(tab, stat) {
  n <- sum(tab)
  p <- as.vector(tab) / n
  f <- function(q) stat(matrix(q, nrow(tab)))$estimate
  h <- 1e-6
  g <- sapply(seq_along(p), function(k) {
    e <- rep(0, length(p))
    e[k] <- h
    (f(p + e) - f(p - e)) / (2 * h)
  })
  sqrt(max(0, sum(p * g^2) - sum(p * g)^2) / n)
}
ordinal_case <- function(t, name) {
  t <- as.matrix(t)
  g <- gk_gamma(t)
  tb <- tau_b(t)
  x <- con_dis(t)
  rx <- rep(row(t), t)
  cx <- rep(col(t), t)
  kendall <- cor(rx, cx, method = "kendall")
  num_g <- numeric_ase(t, gk_gamma)
  num_t <- numeric_ase(t, tau_b)
  stopifnot(abs(kendall - tb$estimate) < 1e-12, abs(num_g - g$ase) < 1e-6 * max(1, g$ase), abs(num_t - tb$ase) < 1e-6 * max(1, tb$ase))
  list(name = name, table = unname(lapply(seq_len(nrow(t)), function(i) t[i, ])),
    concordantPairs = x$C, discordantPairs = x$D,
    gamma = g$estimate, gammaAse = g$ase, kendallTauB = tb$estimate, kendallTauBAse = tb$ase,
    corKendall = kendall, descToolsTauBAse = desctools_tau_b_ase(t))
}
ord_tables <- list(
  list("job satisfaction by income (Agresti 2010, 4x4)", matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, byrow = TRUE)),
  list("2x2", matrix(c(12, 5, 7, 15), 2)),
  list("3x2 positive", matrix(c(10, 5, 2, 3, 8, 12), 3)),
  list("3x4 with zero cells", matrix(c(3, 2, 0, 1, 4, 2, 0, 6, 3, 5, 1, 8), 3)),
  list("3x3 with an empty row", matrix(c(4, 0, 6, 2, 0, 7, 5, 0, 1), 3)),
  list("perfect positive (gamma = 1)", matrix(c(5, 0, 0, 3, 4, 0, 0, 0, 6), 3)),
  list("5x2", matrix(c(3, 5, 8, 2, 4, 7, 2, 1, 9, 4), 5))
)
ord_cases <- lapply(ord_tables, function(x) ordinal_case(x[[2]], x[[1]]))
set.seed(20250303)
for (k in 1:30) {
  r <- sample(2:6, 1)
  c <- sample(2:6, 1)
  t <- matrix(rpois(r * c, sample(c(2, 5, 20), 1)), r)
  if (sum(rowSums(t) > 0) < 2 || sum(colSums(t) > 0) < 2) next
  x <- ordinal_case(t, sprintf("random %d", k))
  x$random <- TRUE
  ord_cases[[length(ord_cases) + 1]] <- x
}
write_fixture(list(r = R.version.string, cases = ord_cases), "src/stats/ordinal/fixtures", "ordinal-association.json")

# ── trend ───────────────────────────────────────────────────────────────────────────────────
# prop.trend.test(successes, totals, score): Cochran–Armitage χ² on 1 df. A group with total 0
# has proportion NaN and lm drops it.
trend_case <- function(x, n, score, name) {
  r <- if (is.null(score)) suppressWarnings(prop.trend.test(x, n)) else suppressWarnings(prop.trend.test(x, n, score))
  out <- list(name = name, successes = x, totals = n)
  if (!is.null(score)) out$scores <- score
  c(out, list(statistic = unname(r$statistic), df = 1, pValue = r$p.value))
}
trend_cases <- list(
  trend_case(c(15, 10, 5), c(30, 30, 30), NULL, "falling, default scores"),
  trend_case(c(15, 10, 5), c(30, 30, 30), c(0, 2, 10), "unequal scores"),
  trend_case(c(15, 10, 5), c(30, 30, 30), c(3, 2, 1), "reversed scores"),
  trend_case(c(15, 10), c(30, 30), NULL, "two groups"),
  trend_case(c(0, 10, 5), c(0, 30, 30), NULL, "a group with total 0"),
  # The example of ?prop.trend.test (smokers in four groups of patients).
  trend_case(c(83, 90, 129, 70), c(86, 93, 136, 82), NULL, "smokers (?prop.trend.test)"),
  trend_case(c(1, 0, 0, 0, 1), c(200, 180, 190, 210, 205), NULL, "rare events"),
  trend_case(c(2, 5, 9, 14, 22), c(1000, 1010, 990, 1005, 995), c(1990, 2000, 2010, 2020, 2030), "large scores")
)
set.seed(20250304)
for (k in 1:30) {
  g <- sample(2:8, 1)
  n <- sample(1:200, g, replace = TRUE)
  p <- runif(1, 0.05, 0.6) + seq(0, runif(1, -0.3, 0.3), length.out = g)
  x <- rbinom(g, n, pmin(pmax(p, 0.01), 0.99))
  if (sum(x) == 0 || sum(x) == sum(n)) next
  score <- if (k %% 2 == 0) sort(round(runif(g, 0, 10), 2)) else NULL
  if (!is.null(score) && length(unique(score)) < 2) next
  tc <- trend_case(x, n, score, sprintf("random %d", k))
  tc$random <- TRUE
  trend_cases[[length(trend_cases) + 1]] <- tc
}
write_fixture(list(r = R.version.string, cases = trend_cases), "src/stats/trend/fixtures", "trend.json")
cat("wrote", length(prop_cases), "proportion,", length(cross_cases), "crosstab,", length(fisher_cases), "Fisher,", length(ord_cases), "ordinal and",
  length(trend_cases), "trend cases\n")
