// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Training recipes: an architecture with initial weights plus how to train it. The Fashion-MNIST
// presets are the reference recipes of Geron, Hands-On Machine Learning (2nd ed., ch. 17).
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "optimizer.hpp"

namespace aecv::train {

enum class LossKind { BCE, MSE, L1 };
enum class CorruptionKind { None, Gaussian, Dropout, Blind, Watermark, NoiseLevelMap };
enum class DataKind { FashionMnist, Photos, Shapes };

constexpr double kSceneTextShare = 0.4;  // the watermark presets' opaque scene text: 2 patches in 5

struct Recipe {
    std::string preset;
    model::Model model;        // outputs: reconstruction, then the code
    std::string mean, logVar;  // VAE: the tensors the KL term reads (empty otherwise)
    float klWeight = 0.f;      // KL(...) summed over the code, averaged over the batch, times this
    std::string mask;          // watermark remover: the mask output, empty otherwise
    bool unblend = false;      // with a mask: the marks' colour and alpha (unblendLoss); else the restored
                               // picture and the probability of a mark (detectRestoreLoss)
    float maskWeight = 0.f;    // the mask's BCE in those losses, times this
    float diceWeight = 0.f;    // detectRestoreLoss: the mask's soft Dice term, times this
    bool maskInput = false;    // the inpainter: the corruption gives where to restore as input channel 3,
                               // and the loss counts those pixels alone (maskedMseLoss)
    bool fillPrior = false;    // ... and cv::inpaint's fill there as channels 4..6, which it corrects
    float visibleMarks = 0.f;  // watermark: the target mask only where the marks change a channel by more
                               // than this (of 1), not every pixel of alpha > kMarkedAlpha; 0: off
    LossKind loss = LossKind::BCE;
    CorruptionKind corruption = CorruptionKind::None;
    float corruptionAmount = 0.f;  // Gaussian stddev or dropout rate
    float noiseLow = 0.f, noiseHigh = 0.f;  // Blind: the noise stddev range (pixels in [0, 1])
    // Watermark: the share of patches given an opaque text or logo that belongs to the picture (kept);
    // at kSceneTextShare the draws of the recipes before it was a setting
    double sceneTextShare = kSceneTextShare;
    // ... and of those the share drawn on a flat panel of its own (a sign, a label, a printed page:
    // what the watermark models took for marks on unseen photos); 0 draws as before it was a setting
    double scenePanels = 0.0;
    double cleanShare = 0.1;  // NoiseLevelMap: the share of patches left without noise (the rest: half
                              // Gaussian, half camera noise)
    bool validateCorrupted = false;  // validate on corrupted inputs (the task) or clean ones (Geron)
    DataKind data = DataKind::FashionMnist;
    std::string defaultData = "/usr/share/datasets/fashion-mnist";
    int patch = 0;                   // Photos: patch side
    int splitSide = 0;               // Photos: the side a photo needs to count in the train / validation
                                     // split (0: patch); smaller ones than the patch are then left out
                                     // of both, so a larger patch does not move photos between them
    int maxPhotoSide = 0;            // Photos: larger ones are scaled down to this (0: kept as they are)
    double patchMinScale = 1.0;      // Photos: patches cut up to 1/x larger and scaled down (samplePatches)
    bool colourJitter = false;       // Photos: training patches' colours varied (samplePatches; aecv-train --colour-jitter)
    int stepsPerEpoch = 0;           // Photos: batches per epoch
    int validationPatches = 0;       // Photos: fixed patches cut from the held-out photos
    std::vector<std::pair<std::string, std::string>> tied;  // (decoder, encoder) Dense pairs sharing weights
    OptimizerConfig optimizer;
    bool cosineDecay = false;  // learning rate lr * (1 + cos(pi * step / steps)) / 2 over the run, at least lr / 50
    int batch = 32;
    int epochs = 1;
    std::string publishedLoss;  // the book's validation loss, for reports
};

// "stacked", "conv", "denoise-gaussian", "denoise-dropout", "vae", "conv-vae" (Fashion-MNIST),
// "shapes-vae" (built-in shapes, 2-D code), "image-denoise", "image-denoise-deep" (one level deeper)
// "image-watermark" (finds the marks and restores the picture there) and
// "image-watermark-unblend" (the marks' colour and alpha, tried before; colour photos),
// "image-inpaint" (restores where its 4th input channel, a mask, says: the user-mask mode),
// "image-inpaint-fill" (the same, correcting cv::inpaint's fill, given as channels 4..6),
// "reference-denoiser" (the benchmark's plain encoder-decoder, trained like image-denoise);
// cv::Exception otherwise.
Recipe makeRecipe(const std::string& preset, uint64_t seed);
// Ties the decoder's dense weights to the encoder's, transposed (dense presets only).
void tieWeights(Recipe& r);
const std::vector<std::string>& presetNames();

}  // namespace aecv::train
