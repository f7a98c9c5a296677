// aecv: autoencoders for OpenCV.
// Training recipes: an architecture with initial weights plus how to train it. The Fashion-MNIST
// presets are the reference recipes of Geron, Hands-On Machine Learning (2nd ed., ch. 17).
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "optimizer.hpp"

namespace aecv::train {

enum class LossKind { BCE, MSE };
enum class CorruptionKind { None, Gaussian, Dropout };

struct Recipe {
    std::string preset;
    model::Model model;        // input [1, 1, 28, 28]; outputs: reconstruction, then the code
    std::string mean, logVar;  // VAE: the tensors the KL term reads (empty otherwise)
    float klWeight = 0.f;      // KL(...) summed over the code, averaged over the batch, times this
    LossKind loss = LossKind::BCE;
    CorruptionKind corruption = CorruptionKind::None;
    float corruptionAmount = 0.f;  // Gaussian stddev or dropout rate
    OptimizerConfig optimizer;
    int batch = 32;
    int epochs = 1;
    std::string publishedLoss;  // the book's validation loss, for reports
};

// "stacked", "conv", "denoise-gaussian", "denoise-dropout", "vae" (cv::Exception otherwise).
Recipe makeRecipe(const std::string& preset, uint64_t seed);
const std::vector<std::string>& presetNames();

}  // namespace aecv::train
