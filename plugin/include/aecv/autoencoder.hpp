// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <aecv/export.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include <opencv2/core.hpp>

/// @file
/// aecv::Autoencoder: load an aecv model and encode, decode, reconstruct, sample and interpolate.

namespace aecv {

/// An aecv autoencoder model (dense, convolutional, denoising or variational).
///
/// Blobs are float tensors as cv::dnn uses them: [N, D] for dense models, [N, C, H, W] for
/// convolutional ones (cv::dnn::blobFromImages makes them from images).
/// @code
///     aecv::Autoencoder vae("fashion_vae.onnx");
///     cv::Mat codes = vae.encode(blob);          // the code tensor named in the model's metadata
///     cv::Mat images = vae.sample(16, 42);       // 16 new images from z ~ N(0, I)
/// @endcode
class AECV_EXPORT Autoencoder {
public:
    Autoencoder();
    /// Same as readModel(path).
    explicit Autoencoder(const std::string& path);
    ~Autoencoder();
    Autoencoder(Autoencoder&&) noexcept;
    Autoencoder& operator=(Autoencoder&&) noexcept;

    /// Loads an aecv ONNX file (registers aecv's layers if needed). cv::Exception naming the
    /// file, node and problem for a bad file.
    void readModel(const std::string& path);
    bool empty() const;

    /// A metadata entry of the model ("task", "code", "recipe", "val_loss", ...); "" if absent.
    std::string metadata(const std::string& key) const;
    /// The model's input shape as stored, batch first (sizes < 1 vary at run time).
    std::vector<int> inputShape() const;

    /// The codes of a batch (runs the encoder only).
    cv::Mat encode(cv::InputArray blob);
    /// The reconstructions of a batch of codes (runs the decoder only; for a VAE the code is z).
    cv::Mat decode(cv::InputArray codes);
    /// decode(encode(blob)) in one pass.
    cv::Mat reconstruct(cv::InputArray blob);
    /// VAE only: decodes n codes drawn from N(0, I) with a generator seeded by `seed`.
    cv::Mat sample(int n, uint64_t seed);
    /// Decodes `steps` codes evenly spaced from codeA to codeB (both [1, ...] or one code each).
    cv::Mat interpolate(cv::InputArray codeA, cv::InputArray codeB, int steps);
    /// 2-D codes only: decodes side x side codes evenly spaced over [-range, range]^2, row by
    /// row from the top left (code[0] grows to the right, code[1] upwards): a map of the latent space.
    cv::Mat decodeGrid(int side, double range = 2.5);

private:
    struct State;
    std::unique_ptr<State> state_;
    State& loaded(const char* what) const;
};

/// Tiles a batch of images (a blob [N, C, H, W], C = 1 or 3, values in [0, 1]) into one 8-bit
/// picture (CV_8UC1 or CV_8UC3), `columns` per row, each scaled up `scale` times (nearest neighbour).
AECV_EXPORT cv::Mat imageGrid(cv::InputArray blob, int columns, int scale = 1);

}  // namespace aecv
