# Recomputes, in R, the gender and severity shares (Wilson intervals) and the gender x severity
# chi-square of a `vindex profile --json` from the victims that `vindex export victims` wrote,
# and reports the largest differences. Exit status 1 when any differs by more than 1e-9 (relative).
#
#   npx vindex export victims --format csv --out victims.csv
#   npx vindex profile --json > profile.json
#   Rscript scripts/reference/check-profile.R victims.csv profile.json
suppressPackageStartupMessages(library(jsonlite))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript check-profile.R victims.csv profile.json")
v <- read.csv(args[1], colClasses = "character", na.strings = "")
p <- fromJSON(args[2], simplifyVector = FALSE)

rel <- function(a, b) abs(a - b) / max(abs(b), 1)
worst <- 0
check <- function(label, ours, r) {
  d <- rel(ours, r)
  if (d > worst) worst <<- d
  if (d > 1e-9) cat(sprintf("MISMATCH %s: vindex %.15g, R %.15g\n", label, ours, r))
}
pops <- list(unidentified = v$victim.identified == "no", identified = v$victim.identified == "yes", all = rep(TRUE, nrow(v)))
for (pop in names(pops)) {
  sel <- pops[[pop]]
  for (spec in list(list(id = "victim-gender", col = "victim.gender"), list(id = "victim-severity", col = "victim.severity"))) {
    tab <- Filter(function(t) t$id == paste0(spec$id, "-", pop), p$tables)[[1]]
    x <- v[[spec$col]][sel]
    for (row in tab$rows) {
      cnt <- sum(x == row$category)
      if (cnt != row$count) cat(sprintf("MISMATCH %s %s %s count: vindex %d, R %d\n", spec$id, pop, row$category, row$count, cnt))
      check(paste(spec$id, pop, row$category, "share"), row$share, cnt / length(x))
      ci <- prop.test(cnt, length(x), correct = FALSE)$conf.int
      check(paste(spec$id, pop, row$category, "lower"), row$lower, if (cnt == 0) 0 else ci[1])
      check(paste(spec$id, pop, row$category, "upper"), row$upper, if (cnt == length(x)) 1 else ci[2])
    }
  }
  a <- Filter(function(t) t$id == paste0("gender-by-severity-", pop), p$associations)[[1]]
  keep <- sel & v$victim.gender %in% unlist(a$rowCategories) & v$victim.severity %in% unlist(a$columnCategories)
  t <- table(factor(v$victim.gender[keep], levels = unlist(a$rowCategories)), factor(v$victim.severity[keep], levels = unlist(a$columnCategories)))
  r <- suppressWarnings(chisq.test(t, correct = FALSE))
  check(paste("gender x severity", pop, "chi-square"), a$chiSquare, unname(r$statistic))
  check(paste("gender x severity", pop, "p"), a$pValue, r$p.value)
  check(paste("gender x severity", pop, "Cramer's V"), a$cramersV, sqrt(unname(r$statistic) / (sum(t) * (min(dim(t)) - 1))))
  if (unname(r$parameter) != a$df) cat(sprintf("MISMATCH gender x severity %s df: vindex %d, R %d\n", pop, a$df, unname(r$parameter)))
  cat(sprintf("%-13s gender x severity: chi-square %.6f on %d df (R %.6f), p %.4g\n", pop, a$chiSquare, a$df, unname(r$statistic), r$p.value))
}
cat(sprintf("largest relative difference: %.3g\n", worst))
quit(status = if (worst > 1e-9) 1 else 0)
