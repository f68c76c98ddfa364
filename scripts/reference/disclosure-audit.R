# Reference attacker intervals for src/disclosure/audit.ts, computed with lpSolve (lp_solve 5.5,
# Berkelaar et al.), an LP solver independent of HiGHS. For each case: cells (id, value),
# additivity constraints (total = sum of parts) and a suppression pattern; for each suppressed
# cell, min and max of the cell subject to the constraints, published cells fixed, cells >= 0.
# Bounds are rounded inwards (ceiling of min, floor of max) as the audit does; an unbounded max is null.
#   Rscript scripts/reference/disclosure-audit.R  → src/disclosure/fixtures/audit-lpsolve.json
library(lpSolve)
library(jsonlite)

grid <- function(name, counts) {
  r <- nrow(counts); k <- ncol(counts)
  rows <- paste0("r", seq_len(r) - 1); cols <- paste0("c", seq_len(k) - 1)
  id <- function(a, b) paste0(name, ":", a, "|", b)
  ids <- c(); vals <- c(); cons <- list()
  for (i in seq_len(r)) for (j in seq_len(k)) { ids <- c(ids, id(rows[i], cols[j])); vals <- c(vals, counts[i, j]) }
  for (i in seq_len(r)) {
    ids <- c(ids, id(rows[i], "Total")); vals <- c(vals, sum(counts[i, ]))
    cons[[length(cons) + 1]] <- list(total = id(rows[i], "Total"), parts = id(rows[i], cols))
  }
  for (j in seq_len(k)) {
    ids <- c(ids, id("Total", cols[j])); vals <- c(vals, sum(counts[, j]))
    cons[[length(cons) + 1]] <- list(total = id("Total", cols[j]), parts = id(rows, cols[j]))
  }
  ids <- c(ids, id("Total", "Total")); vals <- c(vals, sum(counts))
  cons[[length(cons) + 1]] <- list(total = id("Total", "Total"), parts = id(rows, "Total"))
  cons[[length(cons) + 1]] <- list(total = id("Total", "Total"), parts = id("Total", cols))
  list(counts = counts, ids = ids, values = vals, constraints = cons)
}

audit <- function(sys, suppressed) {
  value <- setNames(sys$values, sys$ids)
  n <- length(suppressed)
  A <- NULL; rhs <- c()
  for (con in sys$constraints) {
    coef <- setNames(rep(0, n), suppressed); b <- 0
    terms <- c(setNames(1, con$total), setNames(rep(-1, length(con$parts)), con$parts))
    for (nm in names(terms)) {
      if (nm %in% suppressed) coef[nm] <- coef[nm] + terms[[nm]] else b <- b - terms[[nm]] * value[[nm]]
    }
    if (any(coef != 0)) { A <- rbind(A, coef); rhs <- c(rhs, b) }
  }
  out <- list()
  for (k in seq_len(n)) {
    obj <- rep(0, n); obj[k] <- 1
    lo <- lp("min", obj, A, rep("=", nrow(A)), rhs)
    hi <- lp("max", obj, A, rep("=", nrow(A)), rhs)
    stopifnot(lo$status == 0)
    upper <- if (hi$status == 3) NULL else floor(hi$objval + 1e-6)
    out[[k]] <- list(id = suppressed[k], lower = max(0, ceiling(lo$objval - 1e-6)), upper = upper)
  }
  out
}

t3 <- grid("t", matrix(c(3, 12, 15, 11, 20, 14, 16, 13, 30), 3, byrow = TRUE))
t45 <- grid("w", matrix(c(
  4, 25, 31, 12, 50,
  18, 2, 44, 27, 13,
  60, 35, 7, 21, 16,
  22, 19, 28, 1, 40), 4, byrow = TRUE))

cases <- list(
  list(name = "3x3 2x2 block", system = t3, suppressed = c("t:r0|c0", "t:r0|c1", "t:r1|c0", "t:r1|c1")),
  list(name = "3x3 6-cycle", system = t3, suppressed = c("t:r0|c0", "t:r0|c1", "t:r1|c1", "t:r1|c2", "t:r2|c0", "t:r2|c2")),
  list(name = "3x3 weak row-only", system = t3, suppressed = c("t:r0|c0", "t:r0|c1")),
  list(name = "4x5 irregular with margins", system = t45, suppressed = c(
    "w:r0|c0", "w:r0|c3", "w:r1|c1", "w:r1|c3", "w:r2|c2", "w:r2|c4", "w:r3|c3", "w:r3|c4",
    "w:r2|c1", "w:r0|Total", "w:r2|Total", "w:Total|c0", "w:r3|c0"))
)

fixture <- lapply(cases, function(cs) list(
  name = cs$name,
  counts = cs$system$counts,
  table = sub(":.*", "", cs$system$ids[1]),
  suppressed = cs$suppressed,
  intervals = audit(cs$system, cs$suppressed)
))
out <- "src/disclosure/fixtures/audit-lpsolve.json"
writeLines(toJSON(list(
  source = "scripts/reference/disclosure-audit.R (lpSolve 5.6, R)",
  cases = fixture
), auto_unbox = TRUE, null = "null", pretty = TRUE, digits = NA), out)
cat("wrote", out, "\n")
