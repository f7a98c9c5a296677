// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Losses. Each returns the loss (accumulated in double) and writes d(loss)/d(prediction), which
// starts the backward pass. n below is the number of elements of the prediction.
#pragma once

#include <opencv2/core.hpp>

namespace aecv::train {

// mean((y - t)^2);  dy = 2 (y - t) / n
double mseLoss(const cv::Mat& y, const cv::Mat& t, cv::Mat& dy);
// The same with a weight per sample (y.size[0] weights): mean of w[sample] * (y - t)^2.
double weightedMseLoss(const cv::Mat& y, const cv::Mat& t, const std::vector<float>& w, cv::Mat& dy);

// mean(|y - t|);  dy = sign(y - t) / n
double l1Loss(const cv::Mat& y, const cv::Mat& t, cv::Mat& dy);

// Binary cross-entropy on probabilities, clamped to [kBceEps, 1 - kBceEps] as Keras does:
// -mean(t log p + (1 - t) log(1 - p));  dp = (p - t) / (p (1 - p) n), 0 where p was clamped.
constexpr float kBceEps = 1e-7f;
double bceLoss(const cv::Mat& p, const cv::Mat& t, cv::Mat& dp);

// Binary cross-entropy on logits, stable for any x:
// mean(max(x, 0) - x t + log(1 + exp(-|x|)));  dx = (sigmoid(x) - t) / n
double bceWithLogitsLoss(const cv::Mat& x, const cv::Mat& t, cv::Mat& dx);

// The watermark remover's loss. The output is composed as aecv::WatermarkRemover composes it,
// y = x + a (r - x): the input x where the mask a is 0, the restoration r where it is 1 (x, r,
// t: [N, 3, H, W]; a, m: [N, 1, H, W], a in (0, 1)). Against the target t and the true mask m:
// mean((y - t)^2) + maskWeight * BCE(a, m), the BCE averaged over the N H W mask pixels;
// dr = 2 a (y - t) / n,  da = sum_c 2 (y - t)(r - x) / n + maskWeight * dBCE/da,  n = 3 N H W.
double compositeLoss(const cv::Mat& x, const cv::Mat& r, const cv::Mat& a, const cv::Mat& t, const cv::Mat& m,
                     float maskWeight, cv::Mat& dr, cv::Mat& da);

// weight * KL(N(mu, exp(logvar)) || N(0, I)), summed over the code and averaged over the batch:
// weight * mean_n(-1/2 sum_d(1 + logvar - mu^2 - exp(logvar)));
// dmu = weight * mu / N;  dlogvar = weight * (exp(logvar) - 1) / (2 N).   mu, logvar: [N, D]
double klDivergenceLoss(const cv::Mat& mu, const cv::Mat& logvar, float weight, cv::Mat& dMu, cv::Mat& dLogvar);

}  // namespace aecv::train
