# Reference fixtures for the regression methods of the statistical engine:
#   logistic         stats::glm(family = binomial)                 -> src/stats/regression/fixtures/logistic.json
#   ordinal-logistic MASS::polr(method = "logistic", Hess = TRUE)  -> src/stats/regression/fixtures/ordinal-logistic.json
#   cox              survival::coxph(ties = "efron" / "breslow")   -> src/stats/survival/fixtures/cox.json
#
# Run from the repository root:  Rscript scripts/reference/regression.R
# (R 4.2 from Debian with MASS, survival and jsonlite.) CI never runs R; the JSON files are committed.
#
# Every fit is driven to a much tighter convergence than R's defaults so that the fixtures are
# accurate to far better than the 1e-6 relative agreement the tests demand:
#   glm:   glm.control(epsilon = 1e-14, maxit = 100)
#   coxph: coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100)
#   polr:  optim (BFGS) stops early and its Hessian is a finite-difference one, so the polr fit
#          is polished by Newton steps on the exact log-likelihood (analytic gradient and Hessian
#          written out below) and the standard errors come from that exact Hessian. The script
#          stops unless the polished values agree with polr's own (estimates 1e-4, SEs 1e-3).

suppressPackageStartupMessages({
  library(MASS)
  library(survival)
  library(jsonlite)
})

out_dir_reg <- file.path("src", "stats", "regression", "fixtures")
out_dir_surv <- file.path("src", "stats", "survival", "fixtures")
dir.create(out_dir_reg, showWarnings = FALSE, recursive = TRUE)
dir.create(out_dir_surv, showWarnings = FALSE, recursive = TRUE)

write_fixture <- function(x, path) {
  write_json(x, path, digits = NA, auto_unbox = TRUE, pretty = TRUE)
  cat("wrote", path, "\n")
}

rows_of <- function(X) {
  # One JSON array per row, also for zero or one column.
  lapply(seq_len(nrow(X)), function(i) I(unname(as.numeric(X[i, ]))))
}

names_of <- function(X) I(if (is.null(colnames(X))) character(0) else colnames(X))

capture_warnings <- function(expr) {
  w <- character(0)
  value <- withCallingHandlers(expr, warning = function(cond) {
    w <<- c(w, conditionMessage(cond))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = w)
}

# ---------------------------------------------------------------------------------------------
# logistic
# ---------------------------------------------------------------------------------------------

logistic_case <- function(name, y, X, level = 0.95, note = NULL) {
  X <- as.matrix(X)
  df <- data.frame(y = y)
  if (ncol(X) > 0) df <- cbind(df, as.data.frame(X))
  form <- if (ncol(X) > 0) y ~ . else y ~ 1
  r <- capture_warnings(glm(form, data = df, family = binomial(),
                            control = glm.control(epsilon = 1e-14, maxit = 100)))
  fit <- r$value
  if (length(r$warnings) > 0) stop(name, ": glm warned: ", paste(r$warnings, collapse = "; "))
  if (!fit$converged) stop(name, ": glm did not converge")
  s <- summary(fit)$coefficients
  ci <- confint.default(fit, level = level)
  coefficients <- lapply(seq_len(nrow(s)), function(j) list(
    name = rownames(s)[j],
    estimate = s[j, 1], standardError = s[j, 2], z = s[j, 3], pValue = s[j, 4],
    oddsRatio = exp(s[j, 1]), lower = exp(ci[j, 1]), upper = exp(ci[j, 2])))
  list(name = name, note = note, y = as.integer(y), x = rows_of(X), names = names_of(X), level = level,
       expected = list(coefficients = coefficients, deviance = fit$deviance, nullDeviance = fit$null.deviance,
                       aic = fit$aic, logLikelihood = as.numeric(logLik(fit)), rIterations = fit$iter))
}

# A case whose data admit no estimate: we record what glm does (for the docs) and what Vindex
# must say (an error naming the covariates).
logistic_error_case <- function(name, y, X, error, involved, note) {
  X <- as.matrix(X)
  df <- cbind(data.frame(y = y), as.data.frame(X))
  # Default control here: with epsilon = 1e-14 glm's QR tolerance (epsilon / 1000) is too small to detect aliasing.
  r <- capture_warnings(glm(y ~ ., data = df, family = binomial()))
  s <- summary(r$value)$coefficients
  list(name = name, note = note, y = as.integer(y), x = rows_of(X), names = names_of(X),
       error = error, involved = I(involved),
       r = list(warnings = I(r$warnings), coefficients = lapply(seq_len(nrow(s)), function(j)
         list(name = rownames(s)[j], estimate = s[j, 1], standardError = s[j, 2])),
         aliased = I(names(which(is.na(coef(r$value)))))))
}

logistic_cases <- list()

set.seed(20240301)
n <- 300
X <- cbind(x1 = rnorm(n), x2 = rbinom(n, 1, 0.4), x3 = rexp(n), x4 = rpois(n, 3))
eta <- -0.5 + 0.8 * X[, "x1"] - 0.6 * X[, "x2"] + 0.4 * X[, "x3"] + 0.1 * X[, "x4"]
y <- rbinom(n, 1, plogis(eta))
logistic_cases[[length(logistic_cases) + 1]] <- logistic_case("random-n300-q4", y, X)
logistic_cases[[length(logistic_cases) + 1]] <- logistic_case("random-n300-q4-level90", y, X, level = 0.90)

set.seed(20240302)
n <- 500
S <- 0.4 ^ abs(outer(1:5, 1:5, "-"))
Z <- mvrnorm(n, rep(0, 5), S)
X <- cbind(z1 = Z[, 1], z2 = Z[, 2], z3 = Z[, 3], z4 = Z[, 4], z5 = Z[, 5],
           year = sample(2000:2020, n, replace = TRUE), female = rbinom(n, 1, 0.65))
eta <- 0.3 + 0.5 * Z[, 1] - 0.4 * Z[, 2] + 0.2 * Z[, 3] + 0.05 * (X[, "year"] - 2010) + 0.7 * X[, "female"]
y <- rbinom(n, 1, plogis(eta))
logistic_cases[[length(logistic_cases) + 1]] <- logistic_case("random-n500-q7-correlated-with-year", y, X,
  note = "correlated covariates and a covariate with a large mean (year), which the centred fit must handle")

set.seed(20240303)
n <- 400
X <- cbind(dose = runif(n, 0, 10))
y <- rbinom(n, 1, plogis(-4.5 + 0.25 * X[, "dose"]))
logistic_cases[[length(logistic_cases) + 1]] <- logistic_case("random-n400-rare-outcome", y, X, note = "about 4% events")

set.seed(20240304)
n <- 200
X <- cbind(x = rnorm(n, 0, 2))
y <- rbinom(n, 1, plogis(0.5 + 2.5 * X[, "x"]))
logistic_cases[[length(logistic_cases) + 1]] <- logistic_case("random-n200-strong-but-finite", y, X,
  note = "a large slope with overlapping outcomes: the MLE exists and must not be reported as separation")

set.seed(20240305)
n <- 60
y <- rbinom(n, 1, 0.3)
logistic_cases[[length(logistic_cases) + 1]] <- logistic_case("intercept-only", y, matrix(numeric(0), n, 0))

# Edge cases without an estimate.
set.seed(20240306)
n <- 120
g <- rbinom(n, 1, 0.25); z <- rnorm(n)
y <- rbinom(n, 1, plogis(-0.3 + 0.5 * z)); y[g == 1] <- 1
logistic_cases[[length(logistic_cases) + 1]] <- logistic_error_case("quasi-separation-zero-cell", y, cbind(g = g, z = z),
  "quasi-complete separation", c("g"), "binary covariate g with a zero cell: every g = 1 has y = 1")

set.seed(20240307)
n <- 80
x <- rnorm(n); w <- rnorm(n)
y <- as.integer(x > 0.3)
logistic_cases[[length(logistic_cases) + 1]] <- logistic_error_case("complete-separation", y, cbind(x = x, w = w),
  "complete separation", c("x"), "y = 1 exactly when x > 0.3")

set.seed(20240308)
n <- 100
a <- rnorm(n); b <- rnorm(n)
y <- as.integer(a + b > 0)
logistic_cases[[length(logistic_cases) + 1]] <- logistic_error_case("complete-separation-two-covariates", y, cbind(a = a, b = b),
  "complete separation", c("a", "b"), "y = 1 exactly when a + b > 0: neither covariate alone separates")

set.seed(20240309)
n <- 150
x1 <- rnorm(n); x2 <- rnorm(n); x3 <- x1 + 2 * x2
y <- rbinom(n, 1, plogis(0.4 * x1))
logistic_cases[[length(logistic_cases) + 1]] <- logistic_error_case("collinear", y, cbind(x1 = x1, x2 = x2, x3 = x3),
  "collinear", c("x3", "x1", "x2"), "x3 = x1 + 2 x2; glm reports x3 as NA (aliased)")

set.seed(20240310)
n <- 90
x1 <- rnorm(n); k <- rep(3, n)
y <- rbinom(n, 1, 0.5)
logistic_cases[[length(logistic_cases) + 1]] <- logistic_error_case("constant-covariate", y, cbind(x1 = x1, k = k),
  "collinear", c("k"), "k is constant, aliased with the intercept")

write_fixture(list(
  generatedBy = "Rscript scripts/reference/regression.R",
  r = R.version.string,
  reference = "stats::glm(family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 100)); summary(); exp(confint.default())",
  cases = logistic_cases), file.path(out_dir_reg, "logistic.json"))

# ---------------------------------------------------------------------------------------------
# ordinal logistic (proportional odds), MASS::polr parametrisation: logit P(Y <= k) = zeta_k - eta
# ---------------------------------------------------------------------------------------------

# Exact log-likelihood, gradient and Hessian in (beta, zeta), written out independently of polr
# (which optimises in (beta, zeta_1, log spacings) and differentiates numerically for the Hessian).
polr_derivatives <- function(par, X, y, K) {
  q <- ncol(X)
  beta <- par[seq_len(q)]
  zeta <- par[q + seq_len(K - 1)]
  eta <- if (q > 0) drop(X %*% beta) else rep(0, length(y))
  a <- c(zeta, Inf)[y] - eta    # upper cut point of the observed category
  b <- c(-Inf, zeta)[y] - eta   # lower
  P <- plogis(a) - plogis(b)
  ga <- dlogis(a) / P; gb <- dlogis(b) / P
  ha <- ga * (1 - 2 * plogis(a)); hb <- gb * (1 - 2 * plogis(b))
  ha[is.infinite(a)] <- 0; hb[is.infinite(b)] <- 0
  ll <- sum(log(P))
  m <- q + K - 1
  grad <- numeric(m); H <- matrix(0, m, m)
  s <- ga - gb
  if (q > 0) {
    grad[seq_len(q)] <- -colSums(X * s)
    H[seq_len(q), seq_len(q)] <- crossprod(X, X * ((ha - hb) - s^2))
  }
  for (k in seq_len(K - 1)) {
    up <- y == k; lo <- y == k + 1   # zeta_k is the upper cut of category k and the lower of k + 1
    grad[q + k] <- sum(ga[up]) - sum(gb[lo])
    H[q + k, q + k] <- sum(ha[up] - ga[up]^2) + sum(-hb[lo] - gb[lo]^2)
    if (q > 0) {
      cross <- colSums(X[up, , drop = FALSE] * (-ha[up] + ga[up] * s[up])) +
               colSums(X[lo, , drop = FALSE] * (hb[lo] - gb[lo] * s[lo]))
      H[seq_len(q), q + k] <- cross; H[q + k, seq_len(q)] <- cross
    }
    if (k < K - 1) {
      mid <- y == k + 1
      v <- sum(ga[mid] * gb[mid])
      H[q + k, q + k + 1] <- v; H[q + k + 1, q + k] <- v
    }
  }
  list(ll = ll, grad = grad, hessian = H)
}

ordinal_case <- function(name, y, X, note = NULL) {
  X <- as.matrix(X)
  K <- max(y)
  stopifnot(all(sort(unique(y)) == seq_len(K)))
  df <- data.frame(y = factor(y, levels = seq_len(K), ordered = TRUE))
  if (ncol(X) > 0) df <- cbind(df, as.data.frame(X))
  form <- if (ncol(X) > 0) y ~ . else y ~ 1
  r <- capture_warnings(polr(form, data = df, method = "logistic", Hess = TRUE, control = list(reltol = 1e-14, maxit = 1000)))
  fit <- r$value
  if (length(r$warnings) > 0) stop(name, ": polr warned: ", paste(r$warnings, collapse = "; "))
  par <- c(coef(fit), fit$zeta)
  # Newton polish on the exact likelihood.
  for (it in 1:50) {
    d <- polr_derivatives(par, X, y, K)
    step <- solve(-d$hessian, d$grad)
    par <- par + step
    if (max(abs(step)) < 1e-13) break
  }
  d <- polr_derivatives(par, X, y, K)
  if (max(abs(d$grad)) > 1e-8) stop(name, ": Newton polish did not reach a stationary point")
  vc <- solve(-d$hessian)
  se <- sqrt(diag(vc))
  # Agreement with polr itself (its BFGS optimum and finite-difference Hessian are only approximate).
  se_polr <- sqrt(diag(vcov(fit)))
  c_polr <- c(coef(fit), fit$zeta)
  if (max(abs(par - c_polr) / pmax(abs(c_polr), 1e-2)) > 1e-4) stop(name, ": polished estimates differ from polr's")
  if (max(abs(se - se_polr) / se_polr) > 1e-3) stop(name, ": exact SEs differ from summary(polr)'s")
  if (abs(d$ll - as.numeric(logLik(fit))) > 1e-6) stop(name, ": log-likelihood differs from polr's")
  q <- ncol(X)
  coefficients <- lapply(seq_len(q), function(j) list(name = colnames(X)[j], estimate = par[j], standardError = se[j],
                                                       polrEstimate = c_polr[j], polrStandardError = se_polr[j]))
  thresholds <- lapply(seq_len(K - 1), function(k) list(name = names(fit$zeta)[k], estimate = par[q + k], standardError = se[q + k],
                                                         polrEstimate = c_polr[q + k], polrStandardError = se_polr[q + k]))
  list(name = name, note = note, y = as.integer(y), x = rows_of(X), names = names_of(X),
       expected = list(coefficients = coefficients, thresholds = thresholds, logLikelihood = d$ll,
                       deviance = -2 * d$ll, aic = -2 * d$ll + 2 * (q + K - 1), polrDeviance = fit$deviance))
}

ordinal_cases <- list()

set.seed(20240401)
n <- 400
X <- cbind(age = rnorm(n), boy = rbinom(n, 1, 0.3), severity = rpois(n, 2))
eta <- 0.7 * X[, "age"] - 0.5 * X[, "boy"] + 0.3 * X[, "severity"]
y <- as.integer(cut(eta + rlogis(n), c(-Inf, -0.5, 0.7, 1.8, Inf)))
ordinal_cases[[length(ordinal_cases) + 1]] <- ordinal_case("random-n400-K4-q3", y, X)

set.seed(20240402)
n <- 250
X <- cbind(treated = rbinom(n, 1, 0.5), score = rnorm(n, 0, 1.5))
eta <- 1.1 * X[, "treated"] - 0.4 * X[, "score"]
y <- as.integer(cut(eta + rlogis(n), c(-Inf, -1.5, 0.2, 0.9, 2.8, Inf)))
ordinal_cases[[length(ordinal_cases) + 1]] <- ordinal_case("random-n250-K5-q2-unequal", y, X, note = "five levels with unequal frequencies")

set.seed(20240403)
n <- 300
X <- cbind(age = round(runif(n, 30, 70)))
eta <- 0.06 * X[, "age"]
y <- as.integer(cut(eta + rlogis(n), c(-Inf, 2.5, 3.6, Inf)))
ordinal_cases[[length(ordinal_cases) + 1]] <- ordinal_case("random-n300-K3-large-mean", y, X,
  note = "a covariate with a large mean: thresholds sit far from zero")

write_fixture(list(
  generatedBy = "Rscript scripts/reference/regression.R",
  r = R.version.string,
  reference = "MASS::polr(method = 'logistic', Hess = TRUE), polished by Newton steps on the exact likelihood; SEs from the exact Hessian (agree with summary(polr) to 1e-3)",
  cases = ordinal_cases), file.path(out_dir_reg, "ordinal-logistic.json"))

# ---------------------------------------------------------------------------------------------
# Cox proportional hazards
# ---------------------------------------------------------------------------------------------

cox_fit <- function(time, event, X, ties, level = 0.95) {
  df <- cbind(data.frame(time = time, event = event), as.data.frame(X))
  r <- capture_warnings(coxph(Surv(time, event) ~ ., data = df, ties = ties,
                              control = coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100)))
  fit <- r$value
  if (length(r$warnings) > 0) stop("coxph warned: ", paste(r$warnings, collapse = "; "))
  s <- summary(fit, conf.int = level)
  co <- s$coefficients; ci <- s$conf.int
  list(coefficients = lapply(seq_len(nrow(co)), function(j) list(
         name = rownames(co)[j], estimate = co[j, "coef"], standardError = co[j, "se(coef)"], z = co[j, "z"],
         pValue = co[j, "Pr(>|z|)"], hazardRatio = co[j, "exp(coef)"],
         lower = ci[j, 3], upper = ci[j, 4])),
       logLikelihood = fit$loglik[2], nullLogLikelihood = fit$loglik[1], rIterations = fit$iter)
}

cox_case <- function(name, time, event, X, note = NULL, level = 0.95) {
  X <- as.matrix(X)
  list(name = name, note = note, time = time, event = as.integer(event), x = rows_of(X), names = names_of(X), level = level,
       expected = list(efron = cox_fit(time, event, X, "efron", level), breslow = cox_fit(time, event, X, "breslow", level)))
}

cox_error_case <- function(name, time, event, X, error, involved, note) {
  X <- as.matrix(X)
  df <- cbind(data.frame(time = time, event = event), as.data.frame(X))
  r <- capture_warnings(coxph(Surv(time, event) ~ ., data = df, control = coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100)))
  list(name = name, note = note, time = time, event = as.integer(event), x = rows_of(X), names = names_of(X),
       error = error, involved = I(involved),
       r = list(warnings = I(r$warnings), coefficients = as.list(coef(r$value))))
}

cox_cases <- list()

set.seed(20240501)
n <- 400
X <- cbind(age = rnorm(n), male = rbinom(n, 1, 0.5), score = runif(n, -1, 1))
rate <- 0.1 * exp(0.5 * X[, "age"] - 0.7 * X[, "male"] + 0.9 * X[, "score"])
t_event <- rexp(n, rate); t_cens <- runif(n, 0, 25)
time <- round(pmin(t_event, t_cens), 1); event <- as.integer(t_event <= t_cens)
time[time == 0] <- 0.1
cox_cases[[length(cox_cases) + 1]] <- cox_case("random-n400-q3-ties", time, event, X, note = "times rounded to 0.1: many tied event times")
cox_cases[[length(cox_cases) + 1]] <- cox_case("random-n400-q3-ties-level90", time, event, X, level = 0.90)

set.seed(20240502)
n <- 300
X <- matrix(rnorm(n * 5), n, 5, dimnames = list(NULL, paste0("v", 1:5)))
X[, "v5"] <- X[, "v5"] * 10 + 50
rate <- exp(drop(X %*% c(0.4, -0.3, 0.2, 0, 0.02)) - 1)
t_event <- rexp(n, rate); t_cens <- rexp(n, 0.05)
time <- pmin(t_event, t_cens); event <- as.integer(t_event <= t_cens)
cox_cases[[length(cox_cases) + 1]] <- cox_case("random-n300-q5-no-ties", time, event, X,
  note = "continuous times (Efron = Breslow); v5 has mean 50")

set.seed(20240503)
n <- 200
X <- cbind(treat = rbinom(n, 1, 0.5))
time <- pmin(rgeom(n, 0.15 * exp(-0.6 * X[, "treat"])) + 1, 8)
event <- as.integer(time < 8 & runif(n) < 0.85)
cox_cases[[length(cox_cases) + 1]] <- cox_case("one-covariate-heavy-ties", time, event, X,
  note = "integer times 1..8: large tied groups, where Efron and Breslow differ most")

set.seed(20240504)
n <- 60
X <- cbind(a = rnorm(n), b = rbinom(n, 1, 0.4))
time <- sample(c(1:4, 6:10), n, replace = TRUE)
event <- rep(0L, n)
at5 <- sample(n, 25); time[at5] <- 5; event[at5] <- rbinom(25, 1, plogis(0.8 * X[at5, "a"] + 0.5))
if (sum(event) < 5) stop("too few events")
cox_cases[[length(cox_cases) + 1]] <- cox_case("all-events-at-one-time", time, event, X,
  note = "every event is at t = 5; censoring before and after")

set.seed(20240505)
n <- 100
X <- cbind(x = rnorm(n))
t_event <- rexp(n, 0.2 * exp(0.6 * X[, "x"]))
time <- pmin(t_event, 12); event <- as.integer(t_event < 12)
late <- sample(n, 15); time[late] <- 20 + runif(15, 0, 10); event[late] <- 0L
cox_cases[[length(cox_cases) + 1]] <- cox_case("censoring-after-last-event", time, event, X,
  note = "15 subjects censored after the last event time (they sit in every risk set)")

aml <- survival::aml
cox_cases[[length(cox_cases) + 1]] <- cox_case("aml", aml$time, aml$status, cbind(nonmaintained = as.integer(aml$x == "Nonmaintained")),
  note = "survival::aml (Miller 1981), also ../shared/reference/aml.csv")

set.seed(20240506)
n <- 50
g <- rbinom(n, 1, 0.5); z <- rnorm(n)
time <- rexp(n, 0.1); event <- as.integer(g == 1 & runif(n) < 0.8)
cox_cases[[length(cox_cases) + 1]] <- cox_error_case("monotone-likelihood", time, event, cbind(g = g, z = z),
  "monotone likelihood", c("g"), "every event has g = 1: the hazard ratio for g is infinite")

set.seed(20240507)
n <- 80
x1 <- rnorm(n); x2 <- 2 * x1 - 1
time <- rexp(n, exp(0.3 * x1)); event <- rbinom(n, 1, 0.7)
cox_cases[[length(cox_cases) + 1]] <- cox_error_case("collinear", time, event, cbind(x1 = x1, x2 = x2),
  "collinear", c("x2", "x1"), "x2 = 2 x1 - 1; coxph reports x2 as NA")

write_fixture(list(
  generatedBy = "Rscript scripts/reference/regression.R",
  r = R.version.string,
  reference = "survival::coxph(ties = 'efron' / 'breslow', control = coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100)); summary(conf.int = level)",
  cases = cox_cases), file.path(out_dir_surv, "cox.json"))
