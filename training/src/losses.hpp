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

// The watermark remover's loss. The model gives, per pixel, the marks' colour c ([N, 3, H, W]) and
// their alpha a ([N, 1, H, W], in (0, 1)); every stack of alpha-blended marks is, per pixel, one
// blend x = (1 - a) t + a c of the picture t under it, so aecv::WatermarkRemover restores
// t = (x - a c) / (1 - a) (unblending), and leaves x exactly as it is where a = 0. Against the
// target t and the true alpha m: mean(e^2) + alphaWeight * BCE(a, m), with the blend's error
// e = (x - a c - (1 - a) t) / (1 - min(m, kUnblendMaxWeightAlpha)): near the truth e is the
// unblended picture's error, and its gradients stay bounded where a division by (1 - a) would
// not; the cross-entropy (soft targets, averaged over the N H W pixels) drives the alpha of
// unmarked pixels to 0 far harder than a squared error would. n = 3 N H W,
// s = 1 / (1 - min(m, 0.9)): dc = -2 a s e / n,  da = sum_c 2 s e (t - c) / n + alphaWeight dBCE/da.
constexpr float kUnblendMaxWeightAlpha = 0.9f;
double unblendLoss(const cv::Mat& x, const cv::Mat& c, const cv::Mat& a, const cv::Mat& t, const cv::Mat& m,
                   float alphaWeight, cv::Mat& dc, cv::Mat& da);

// weight * KL(N(mu, exp(logvar)) || N(0, I)), summed over the code and averaged over the batch:
// weight * mean_n(-1/2 sum_d(1 + logvar - mu^2 - exp(logvar)));
// dmu = weight * mu / N;  dlogvar = weight * (exp(logvar) - 1) / (2 N).   mu, logvar: [N, D]
double klDivergenceLoss(const cv::Mat& mu, const cv::Mat& logvar, float weight, cv::Mat& dMu, cv::Mat& dLogvar);

}  // namespace aecv::train
