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

// The inpainter's loss (preset image-inpaint): MSE over the pixels its input's mask covers, as
// the filter takes the restoration there alone (output = input + m (y - input)). y, t: [N, 3, H,
// W]; x: the input, [N, 4 or more, H, W], channel 3 the mask m in [0, 1]:
//   sum(m (y - t)^2) / D,  D = 3 max(sum(m), 1);  dy = 2 m (y - t) / D
// (a batch with no masked pixel has loss 0 and no gradient).
double maskedMseLoss(const cv::Mat& y, const cv::Mat& t, const cv::Mat& x, cv::Mat& dy);

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
// blend x = (1 - m) t + m c of the picture t under it, so aecv::WatermarkRemover restores
// t = (x - a c) / (1 - a) (unblending), and leaves x exactly as it is where a = 0. The two are
// learnt apart, against the target t and the true alpha m:
//   alpha: alphaWeight * BCE(a, m) alone (soft targets, averaged over the N H W pixels), so a is
//          the expected alpha given the picture, calibrated: a blend error term pulled it low
//          wherever the colour was unsure (true 0.5..0.62 came out 0.27..0.50);
//   colour: mean(e^2), e = (x - m c - (1 - m) t) / (1 - min(m, kUnblendMaxWeightAlpha)), the
//          blend's error with the *true* alpha: c is the marks' colour where there are marks and
//          free (no gradient) where m = 0, where the filter does not use it.
// n = 3 N H W, s = 1 / (1 - min(m, 0.9)): dc = -2 m s e / n,  da = alphaWeight dBCE/da.
constexpr float kUnblendMaxWeightAlpha = 0.9f;
double unblendLoss(const cv::Mat& x, const cv::Mat& c, const cv::Mat& a, const cv::Mat& t, const cv::Mat& m,
                   float alphaWeight, cv::Mat& dc, cv::Mat& da);

// The detecting remover's loss (preset image-watermark): the model gives the restored picture
// y ([N, 3, H, W]) and, per pixel, the probability p ([N, 1, H, W]) that a mark is there; the
// filter keeps its input where p is low and takes y where p is high. Against the clean target t
// and the marks' true alpha m:
//   MSE(y, t) + maskWeight * BCE(p, b) + diceWeight * mean_n(1 - (2 sum(p b) + e) / (sum(p) + sum(b) + e)),
// b = m > kMarkedAlpha (the mask is the marked pixels, those the marks visibly change: what
// aecv-quality's IoU counts). The soft Dice term (sums over each sample's pixels) weighs the few
// marked pixels (~4% of a photo) as much as the rest: BCE alone learns to say "no mark" and stays
// unsure on the marks. Its smoothing e = max(1, kDiceSmoothShare H W) sets the scale of a false
// alarm: a patch without marks gets sum(p) / (sum(p) + e), half for a false mark of e pixels.
// (e was 1 until 2026-12-06: then a patch without marks, 26% of them, cost ~1 for any
// background probability above 1e-4, so its term was a constant that said nothing and pulled every
// logit far below zero, faint marks' too; the loss sat at 0.77 for 13 epochs.)
// Per sample, not over the batch, so processes holding parts of a batch add up to the batch.
// dy = 2 (y - t) / (3 N H W);  dp = maskWeight dBCE/dp + diceWeight ((2 I + e) - 2 b S) / (N S^2),
// I = sum(p b), S = sum(p) + sum(b) + e of the pixel's sample.
constexpr double kDiceSmoothShare = 1.0 / 200;
constexpr float kMarkedAlpha = 0.05f;
double detectRestoreLoss(const cv::Mat& y, const cv::Mat& p, const cv::Mat& t, const cv::Mat& m, float maskWeight,
                         float diceWeight, cv::Mat& dy, cv::Mat& dp);

// weight * KL(N(mu, exp(logvar)) || N(0, I)), summed over the code and averaged over the batch:
// weight * mean_n(-1/2 sum_d(1 + logvar - mu^2 - exp(logvar)));
// dmu = weight * mu / N;  dlogvar = weight * (exp(logvar) - 1) / (2 N).   mu, logvar: [N, D]
double klDivergenceLoss(const cv::Mat& mu, const cv::Mat& logvar, float weight, cv::Mat& dMu, cv::Mat& dLogvar);

}  // namespace aecv::train
