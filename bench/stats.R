# R's time for the work bench/stats.ts times, on data of the same shape (generated here, seeded):
# Kaplan-Meier with log-rank, logistic regression (10 covariates) and Cox (5 covariates) on
# 1,000,000 rows. Prints seconds; asserts nothing.   Rscript bench/stats.R
suppressPackageStartupMessages(library(survival))
set.seed(20240601)
n <- 1e6
time_it <- function(label, expr) {
  t <- system.time(expr)[["elapsed"]]
  cat(sprintf("%-34s %9d rows %8.2f s\n", label, n, t))
}
tt <- rexp(n, 1 / 400); ev <- rbinom(n, 1, 0.6); g <- sample(c("a", "b", "c"), n, replace = TRUE)
time_it("Kaplan-Meier (survfit, 3 groups)", survfit(Surv(tt, ev) ~ g))
time_it("log-rank (survdiff, 3 groups)", survdiff(Surv(tt, ev) ~ g))
x <- matrix(rnorm(n * 10), n, 10); x[, c(1, 4, 7, 10)] <- rbinom(n * 4, 1, 0.4)
eta <- drop(x %*% seq(-0.3, 0.6, length.out = 10)); y <- rbinom(n, 1, plogis(eta))
time_it("logistic (glm, 10 covariates)", glm(y ~ x, family = binomial))
x5 <- x[, 1:5]; ct <- rexp(n, exp(drop(x5 %*% c(0.2, -0.1, 0.3, 0.1, -0.2))) / 300); ce <- rbinom(n, 1, 0.7)
time_it("Cox (coxph Efron, 5 covariates)", coxph(Surv(ct, ce) ~ x5, ties = "efron"))
