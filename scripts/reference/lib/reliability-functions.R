# Reliability coefficients written out in R, shared by the reference scripts
# scripts/reference/reliability.R and scripts/reference/coding-reliability.R.
# Sourced from the repository root:  source(file.path("scripts", "reference", "lib", "reliability-functions.R"))

# Transcribed from irr 0.84.1 (kappam.fleiss, exact = FALSE, detail = FALSE); irr is not
# installed here. Units with an NA are dropped by na.omit; categories are the levels of the data.
kappam_fleiss <- function(ratings) {
  ratings <- as.matrix(na.omit(ratings))
  ns <- nrow(ratings)
  nr <- ncol(ratings)
  lev <- levels(as.factor(ratings))
  for (i in 1:ns) {
    frow <- factor(ratings[i, ], levels = lev)
    if (i == 1) ttab <- as.numeric(table(frow)) else ttab <- rbind(ttab, as.numeric(table(frow)))
  }
  ttab <- matrix(ttab, nrow = ns)
  agreeP <- sum((apply(ttab^2, 1, sum) - nr) / (nr * (nr - 1)) / ns)
  chanceP <- sum(apply(ttab, 2, sum)^2) / (ns * nr)^2
  value <- (agreeP - chanceP) / (1 - chanceP)
  pj <- apply(ttab, 2, sum) / (ns * nr)
  qj <- 1 - pj
  varkappa <- (2 / (sum(pj * qj)^2 * (ns * nr * (nr - 1)))) * (sum(pj * qj)^2 - sum(pj * qj * (qj - pj)))
  SEkappa <- sqrt(varkappa)
  u <- value / SEkappa
  p.value <- 2 * (1 - pnorm(abs(u)))
  list(subjects = ns, raters = nr, kappa = value, standardError = SEkappa, z = u, pValue = p.value,
       # irr's p-value is 2(1 - pnorm|z|), which is 0 below 1e-16; the lower tail keeps the digits
       # and is what Vindex reports.
       pValueLowerTail = 2 * pnorm(-abs(u)))
}

# data: coders x units, NA = missing. Values are sorted (numbers by value, strings C-locale).
kripp_alpha <- function(data, level) {
  data <- as.matrix(data)
  vals <- sort(unique(as.vector(data[!is.na(data)])))
  K <- length(vals)
  o <- matrix(0, K, K)
  for (u in seq_len(ncol(data))) {
    x <- data[!is.na(data[, u]), u]
    m <- length(x)
    if (m < 2) next
    # Every ordered pair of values from different coders, weighted 1 / (m_u - 1).
    for (i in seq_len(m)) for (j in seq_len(m)) if (i != j) {
      c <- match(x[i], vals)
      k <- match(x[j], vals)
      o[c, k] <- o[c, k] + 1 / (m - 1)
    }
  }
  nc <- rowSums(o)
  n <- sum(nc)
  d2 <- matrix(0, K, K)
  for (c in seq_len(K)) for (k in seq_len(K)) {
    d2[c, k] <- switch(level,
      nominal = as.numeric(c != k),
      ordinal = if (c == k) 0 else (sum(nc[min(c, k):max(c, k)]) - (nc[c] + nc[k]) / 2)^2,
      interval = (vals[c] - vals[k])^2,
      ratio = if (c == k) 0 else ((vals[c] - vals[k]) / (vals[c] + vals[k]))^2)
  }
  Do <- sum(o * d2) / n
  De <- sum(outer(nc, nc) * d2) / (n * (n - 1))
  list(alpha = if (sum(nc > 0) < 2) NaN else 1 - Do / De, observedDisagreement = Do,
       expectedDisagreement = if (sum(nc > 0) < 2) 0 else De, pairableValues = n)
}
