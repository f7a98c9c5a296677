// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "presets.hpp"

#include "builder.hpp"

namespace aecv::train {

namespace {

// Dense 784-100-30-100-784, SELU, sigmoid out (stacked and denoising presets).
void stacked(Recipe& r, uint64_t seed) {
    ModelBuilder b(r.model, seed);
    std::string x = b.reshape("flatten", "input", {-1});
    x = b.dense("enc1", x, 784, 100, "selu");
    const std::string code = b.dense("code", x, 100, 30, "selu");
    x = b.dense("dec1", code, 30, 100, "selu");
    x = b.dense("dec2", x, 100, 784, "sigmoid");
    b.reshape("recon", x, {1, 28, 28});
    r.model.outputs = {"recon", code};
    r.model.metadata["code"] = code;
}

// Conv 16/32/64 SELU 'same' + max-pool (28 -> 14 -> 7 -> 3), then transposed convs 32 'valid',
// 16 'same', 1 'same' sigmoid, all k3 s2 (3 -> 7 -> 14 -> 28).
void conv(Recipe& r, uint64_t seed) {
    ModelBuilder b(r.model, seed);
    std::string x = b.conv("conv1", "input", 1, 16, 3, 1, "same", "selu");
    x = b.maxPool("pool1", x);
    x = b.conv("conv2", x, 16, 32, 3, 1, "same", "selu");
    x = b.maxPool("pool2", x);
    x = b.conv("conv3", x, 32, 64, 3, 1, "same", "selu");
    const std::string code = b.maxPool("code", x);
    x = b.deconv("up1", code, 64, 32, 3, 2, "valid", "selu");
    x = b.deconv("up2", x, 32, 16, 3, 2, "same", "selu");
    b.deconv("recon", x, 16, 1, 3, 2, "same", "sigmoid");
    r.model.outputs = {"recon", code};
    r.model.metadata["code"] = code;
}

// A dense VAE with a code of `latent` values: 784-h1-h2 SELU -> mean, log-variance -> sampling
// -> h2-h1-784 sigmoid.
void denseVae(Recipe& r, uint64_t seed, int h1, int h2, int latent) {
    ModelBuilder b(r.model, seed);
    std::string x = b.reshape("flatten", "input", {-1});
    x = b.dense("enc1", x, 784, h1, "selu");
    x = b.dense("enc2", x, h1, h2, "selu");
    r.mean = b.dense("mean", x, h2, latent, "identity");
    r.logVar = b.dense("log_var", x, h2, latent, "identity");
    x = b.sampling("z", r.mean, r.logVar, static_cast<int64_t>(seed % 1000003));
    x = b.dense("dec1", x, latent, h2, "selu");
    x = b.dense("dec2", x, h2, h1, "selu");
    x = b.dense("dec3", x, h1, 784, "sigmoid");
    b.reshape("recon", x, {1, 28, 28});
    r.model.outputs = {"recon", r.mean};
    r.model.metadata["code"] = r.mean;
}

// Convolutional VAE: conv 32 and 64 (3x3, stride 2, 28 -> 14 -> 7), dense to mean and log-variance
// (10 each), sampling, dense to 64x7x7, transposed convs 32 and 1 (stride 2, 7 -> 14 -> 28).
void convVae(Recipe& r, uint64_t seed) {
    ModelBuilder b(r.model, seed);
    std::string x = b.conv("conv1", "input", 1, 32, 3, 2, "same", "selu");
    x = b.conv("conv2", x, 32, 64, 3, 2, "same", "selu");
    x = b.reshape("flatten", x, {-1});
    r.mean = b.dense("mean", x, 64 * 7 * 7, 10, "identity");
    r.logVar = b.dense("log_var", x, 64 * 7 * 7, 10, "identity");
    x = b.sampling("z", r.mean, r.logVar, static_cast<int64_t>(seed % 1000003));
    x = b.dense("dec1", x, 10, 64 * 7 * 7, "selu");
    x = b.reshape("unflatten", x, {64, 7, 7});
    x = b.deconv("up1", x, 64, 32, 3, 2, "same", "selu");
    b.deconv("recon", x, 32, 1, 3, 2, "same", "sigmoid");
    r.model.outputs = {"recon", r.mean};
    r.model.metadata["code"] = r.mean;
}

// Residual U-Net for colour photos: a 2x2 stride-2 conv (a learned pixel-unshuffle) to 1/2, then
// widths 32/64/96 at 1/2, 1/4, 1/8 with stride-2 convs down, 2x2 transposed convs up, additive
// skips; the output adds a predicted correction to the noisy input. H, W: multiples of 8. With
// 4 input channels the 4th is the noise-level map (FFDNet), read by the first layer with the
// pixels; the correction is added to the image alone (channels 0..2). With `mask` (the watermark
// remover) the last layer's 4 channels are, through sigmoids, the marks' colour c and alpha a per
// pixel (outputs "color" and "alpha"): the filter unblends, (input - a c) / (1 - a).
void imageUnet(Recipe& r, uint64_t seed, int channels = 3, bool mask = false) {
    ModelBuilder b(r.model, seed);
    std::string x = b.conv("down0", "input", channels, 32, 2, 2, "valid", "relu");  // 1/2
    const std::string e1 = b.conv("enc1", x, 32, 32, 3, 1, "same", "relu");
    x = b.conv("down1", e1, 32, 64, 3, 2, "same", "relu");                     // 1/4
    const std::string e2 = b.conv("enc2", x, 64, 64, 3, 1, "same", "relu");
    x = b.conv("down2", e2, 64, 96, 3, 2, "same", "relu");                     // 1/8
    const std::string code = b.conv("code", x, 96, 96, 3, 1, "same", "relu");
    x = b.deconv("up2", code, 96, 64, 2, 2, "valid", "relu");                  // 1/4
    x = b.add("skip2", x, e2);
    x = b.conv("dec2", x, 64, 64, 3, 1, "same", "relu");
    x = b.deconv("up1", x, 64, 32, 2, 2, "valid", "relu");                     // 1/2
    x = b.add("skip1", x, e1);
    x = b.conv("dec1", x, 32, 32, 3, 1, "same", "relu");
    x = b.deconv("residual", x, 32, mask ? 4 : 3, 2, 2, "valid", "identity");  // 1/1
    if (mask) {  // the marks' colour and alpha, for unblending
        b.activation("color", b.slice("color_logit", x, 0, 3), "sigmoid");
        r.mask = b.activation("alpha", b.slice("alpha_logit", x, 3, 4), "sigmoid");
        r.model.outputs = {"color", r.mask, code};
    } else {
        b.add("recon", x, channels == 3 ? "input" : b.slice("image", "input", 0, 3));
        r.model.outputs = {"recon", code};
    }
    r.model.metadata["code"] = code;
}

// x + conv(leaky_relu(conv(x))), both 3x3 at `channels`, the second's weights zero: the block
// starts as the identity, so a model with blocks added starts as the one warm-started from.
std::string residualBlock(ModelBuilder& b, const std::string& name, const std::string& x, int channels) {
    const std::string inner = b.conv(name + "_a", x, channels, channels, 3, 1, "same", "leaky_relu");
    const std::string outer = b.conv(name + "_b", inner, channels, channels, 3, 1, "same", "identity");
    for (model::Node& n : b.model().nodes)
        if (n.name == outer) n.weights[0].setTo(0);
    return b.add(name, x, outer);
}

// The 4-level residual U-Net of the denoiser and the watermark remover, from `input` (`channels`
// channels) to 32 channels at 1/2 (dec1): widths 32/64/96/128 at 1/2..1/16, 2x2 stride-2 conv
// first, stride-2 convs down, 2x2 transposed convs up, additive skips, LeakyReLU. Returns the
// tensor dec1 writes; `code` gets the 1/16 one. `contextBlocks` residual blocks follow the 1/8
// and the 1/16 levels' convolutions (none in the denoiser and the shipped detector).
std::string deepUnet(ModelBuilder& b, const std::string& input, int channels, std::string& code,
                     int contextBlocks = 0) {
    std::string x = b.conv("down0", input, channels, 32, 2, 2, "valid", "leaky_relu");    // 1/2
    const std::string e1 = b.conv("enc1", x, 32, 32, 3, 1, "same", "leaky_relu");
    x = b.conv("down1", e1, 32, 64, 3, 2, "same", "leaky_relu");                         // 1/4
    const std::string e2 = b.conv("enc2", x, 64, 64, 3, 1, "same", "leaky_relu");
    x = b.conv("down2", e2, 64, 96, 3, 2, "same", "leaky_relu");                         // 1/8
    std::string e3 = b.conv("enc3", x, 96, 96, 3, 1, "same", "leaky_relu");
    for (int i = 0; i < contextBlocks; ++i) e3 = residualBlock(b, cv::format("ctx3_%d", i), e3, 96);
    x = b.conv("down3", e3, 96, 128, 3, 2, "same", "leaky_relu");                        // 1/16
    code = b.conv("code", x, 128, 128, 3, 1, "same", "leaky_relu");
    for (int i = 0; i < contextBlocks; ++i) code = residualBlock(b, cv::format("ctx4_%d", i), code, 128);
    x = b.deconv("up3", code, 128, 96, 2, 2, "valid", "leaky_relu");                     // 1/8
    x = b.add("skip3", x, e3);
    x = b.conv("dec3", x, 96, 96, 3, 1, "same", "leaky_relu");
    x = b.deconv("up2", x, 96, 64, 2, 2, "valid", "leaky_relu");                         // 1/4
    x = b.add("skip2", x, e2);
    x = b.conv("dec2", x, 64, 64, 3, 1, "same", "leaky_relu");
    x = b.deconv("up1", x, 64, 32, 2, 2, "valid", "leaky_relu");                         // 1/2
    x = b.add("skip1", x, e1);
    return b.conv("dec1", x, 32, 32, 3, 1, "same", "leaky_relu");
}

// The denoiser: the U-Net above (camera noise after demosaicing is blotchy at a scale the 1/8
// level barely sees), 9.9 GFLOP per 640x480 frame. Its input has a 4th channel, the noise-level
// map (FFDNet), read by the first layer with the pixels; the correction is added to the image
// alone (channels 0..2). H, W: multiples of 16. The inpainter (image-inpaint) is the same network
// with the mask of where to restore as its 4th channel (so it starts from the denoiser's weights).
// The inpainter over a classical fill (image-inpaint-fill, `fill`): 7 channels, the marked
// picture, the mask (channel 3, as the plain inpainter has it, so its weights carry over) and
// cv::inpaint's fill of the masked pixels (channels 4..6); the correction is added to the fill, so
// it starts where Navier-Stokes ends and the network adds what it sees through the marks (which
// the fill discards) and the texture the fill smooths away.
void denoiserUnet(Recipe& r, uint64_t seed, bool fill = false) {
    ModelBuilder b(r.model, seed);
    std::string code;
    const std::string x = deepUnet(b, "input", fill ? 7 : 4, code);
    const std::string correction = b.deconv("residual", x, 32, 3, 2, 2, "valid", "identity");  // 1/1
    b.add("recon", correction, fill ? b.slice("fill", "input", 4, 7) : b.slice("image", "input", 0, 3));
    r.model.outputs = {"recon", code};
    r.model.metadata["code"] = code;
}

// The watermark remover: the same U-Net on BGR plus a full-resolution level (a 3x3 stem added to
// a last transposed conv's output, then a 3x3 head), as marks are thin strokes with sharp
// edges; ~10.6 GFLOP per 640x480 frame. Outputs: "restored" (the input plus a predicted
// correction) and "mask" (through a sigmoid: the probability that a mark covers the pixel);
// the filter keeps the input where the mask is low and takes the restoration where it is high.
// H, W: multiples of 16.
void watermarkUnet(Recipe& r, uint64_t seed, int contextBlocks = 0) {
    ModelBuilder b(r.model, seed);
    const std::string stem = b.conv("stem", "input", 3, 16, 3, 1, "same", "leaky_relu");  // 1/1
    std::string code;
    std::string x = deepUnet(b, "input", 3, code, contextBlocks);
    x = b.deconv("up0", x, 32, 16, 2, 2, "valid", "leaky_relu");                         // 1/1
    x = b.add("skip0", x, stem);
    x = b.conv("head", x, 16, 4, 3, 1, "same", "identity");
    b.add("restored", b.slice("correction", x, 0, 3), "input");
    r.mask = b.activation("mask", b.slice("mask_logit", x, 3, 4), "sigmoid");
    r.model.outputs = {"restored", r.mask, code};
    r.model.metadata["code"] = code;
}

// The benchmark's reference denoiser (issue 7), in PyTorch terms: Conv(3->32, 3x3, pad 1) ReLU,
// Conv(32->64, 3x3, s2, pad 1) ReLU, Conv(64->64, 3x3, s2, pad 1) ReLU, ConvTranspose(64->64, 4x4,
// s2, pad 1) ReLU, ConvTranspose(64->32, 4x4, s2, pad 1) ReLU, Conv(32->3, 3x3, pad 1) Sigmoid.
void referenceDenoiser(Recipe& r, uint64_t seed) {
    ModelBuilder b(r.model, seed);
    std::string x = b.conv("conv1", "input", 3, 32, 3, 1, 1, "relu");
    x = b.conv("down1", x, 32, 64, 3, 2, 1, "relu");
    const std::string code = b.conv("code", x, 64, 64, 3, 2, 1, "relu");
    x = b.deconv("up1", code, 64, 64, 4, 2, 1, "relu");
    x = b.deconv("up2", x, 64, 32, 4, 2, 1, "relu");
    b.conv("recon", x, 32, 3, 3, 1, 1, "sigmoid");
    r.model.outputs = {"recon", code};
    r.model.metadata["code"] = code;
}

}  // namespace

void tieWeights(Recipe& r) {
    const bool dense = r.preset == "stacked" || r.preset == "denoise-gaussian" || r.preset == "denoise-dropout";
    if (!dense)
        CV_Error(cv::Error::StsBadArg, cv::format("--tied applies to the dense presets (stacked, denoise-gaussian, "
                 "denoise-dropout), not '%s'", r.preset.c_str()));
    r.tied = {{"dec1", "code"}, {"dec2", "enc1"}};
    r.model.metadata["tied"] = "dec1~code, dec2~enc1 (transposed)";
}

const std::vector<std::string>& presetNames() {
    static const std::vector<std::string> names = {"stacked",  "conv",       "denoise-gaussian", "denoise-dropout",
                                                   "vae",      "conv-vae",   "shapes-vae",       "image-denoise",
                                                   "image-denoise-deep", "image-watermark", "image-watermark-unblend",
                                                   "image-watermark-nomask", "image-watermark-deep", "image-inpaint",
                                                   "image-inpaint-fill", "reference-denoiser"};
    return names;
}

Recipe makeRecipe(const std::string& preset, uint64_t seed) {
    Recipe r;
    r.preset = preset;
    r.model.inputShape = {1, 1, 28, 28};
    r.model.metadata = {{"task", "autoencoder"}, {"input", "1x28x28 grey, pixels in [0, 1]"}};
    r.optimizer.kind = OptimizerKind::SGD;
    if (preset == "stacked") {
        stacked(r, seed);
        r.optimizer.lr = 1.5f;
        r.epochs = 20;
        r.publishedLoss = "0.2835";
    } else if (preset == "conv") {
        conv(r, seed);
        r.optimizer.lr = 1.0f;
        r.epochs = 5;
        r.publishedLoss = "0.2671";
    } else if (preset == "denoise-gaussian" || preset == "denoise-dropout") {
        stacked(r, seed);
        r.model.metadata["task"] = "denoise";
        r.optimizer.lr = 1.0f;
        r.epochs = 10;
        const bool gaussian = preset == "denoise-gaussian";
        r.corruption = gaussian ? CorruptionKind::Gaussian : CorruptionKind::Dropout;
        r.corruptionAmount = gaussian ? 0.2f : 0.5f;
        r.publishedLoss = gaussian ? "0.2920" : "0.2958";
    } else if (preset == "vae") {
        denseVae(r, seed, 150, 100, 10);
        r.model.metadata["task"] = "vae";
        r.klWeight = 1.f / 784;
        r.optimizer = {OptimizerKind::RMSProp, 1e-3f};
        r.batch = 128;
        r.epochs = 25;
        r.publishedLoss = "0.3133";
    } else if (preset == "conv-vae") {
        convVae(r, seed);
        r.model.metadata["task"] = "vae";
        r.klWeight = 1.f / 784;
        r.optimizer = {OptimizerKind::RMSProp, 1e-3f};
        r.batch = 128;
        r.epochs = 10;
    } else if (preset == "shapes-vae") {
        denseVae(r, seed, 256, 128, 2);
        r.model.metadata["task"] = "vae";
        r.data = DataKind::Shapes;
        r.defaultData = "(built in)";
        r.klWeight = 1.f / 784;
        r.optimizer = {OptimizerKind::Adam, 1e-3f};
        r.batch = 64;
        r.epochs = 20;
    } else if (preset == "image-denoise" || preset == "image-denoise-deep" || preset == "image-watermark" ||
               preset == "image-watermark-unblend" || preset == "image-watermark-nomask" ||
               preset == "image-watermark-deep" || preset == "image-inpaint" ||
               preset == "image-inpaint-fill" || preset == "reference-denoiser") {
        // image-watermark-deep: the detector with two residual blocks after its 1/8 and its 1/16
        // levels (15.4 GFLOP at 640x480 against 10.8; 96 more pixels of context each way): it
        // found half of large letters, and on video it now looks at every 3rd frame only
        const bool deepDetect = preset == "image-watermark-deep";
        const bool detect = preset == "image-watermark" || deepDetect, unblend = preset == "image-watermark-unblend";
        // the remover without a mask (unwatermark-nomask.onnx, the detector's second opinion): the
        // 3-level U-Net's restoration alone, on the marks the detector learns from
        const bool nomask = preset == "image-watermark-nomask";
        const bool fill = preset == "image-inpaint-fill", inpaint = preset == "image-inpaint" || fill;
        const bool denoise = !detect && !unblend && !inpaint && !nomask;
        const bool levelMap = preset == "image-denoise" || preset == "image-denoise-deep";
        const bool deep = preset == "image-denoise-deep";
        r.patch = !denoise ? 128 : deep ? 96 : levelMap ? 80 : 64;
        if (!denoise) r.splitSide = 96;  // the split of the 96-pixel patches it had first
        r.model.inputShape = {1, fill ? 7 : levelMap || inpaint ? 4 : 3, r.patch, r.patch};
        if (preset == "reference-denoiser") referenceDenoiser(r, seed);
        else if (deep || inpaint) denoiserUnet(r, seed, fill);
        else if (detect) watermarkUnet(r, seed, deepDetect ? 2 : 0);
        else imageUnet(r, seed, levelMap ? 4 : 3, unblend);
        r.model.metadata = {{"task", denoise ? "denoise" : "watermark"}, {"code", "code"},
                            {"input", "BGR, pixels in [0, 1]"},
                            {"size_multiple", preset == "reference-denoiser" ? "4"
                                              : deep || detect || inpaint ? "16" : "8"}};
        if (denoise) r.model.metadata["noise"] = "Gaussian, sigma 5..50 of 255";
        if (inpaint) {
            r.maskInput = true;
            r.model.metadata["input"] = "BGR, pixels in [0, 1], then the mask: where to restore (1) or keep (0)";
            r.model.metadata["mask_input"] = "channel 3";
            r.model.metadata["output"] = "recon: the picture restored where the mask is set (the filter keeps the "
                                         "input elsewhere)";
            if (fill) {
                r.fillPrior = true;
                r.model.metadata["input"] = "BGR, pixels in [0, 1], then the mask: where to restore (1) or keep (0), "
                                            "then cv::inpaint(BGR, mask, 3, INPAINT_NS) as BGR in [0, 1]";
                r.model.metadata["fill"] = "ns";
            }
        } else if (nomask) {
            r.model.metadata["output"] = "recon: the picture without marks (the filter keeps only its mark-sized "
                                         "changes)";
        } else if (!denoise) {
            r.model.metadata["mask"] = r.mask;
            r.unblend = unblend;
            if (unblend) {
                r.model.metadata["output"] = "color: the marks' BGR colour; alpha: their opacity, 0..1; the picture "
                                             "under them is (input - alpha color) / (1 - alpha)";
            } else {
                r.model.metadata["compose"] = "blend";
                r.model.metadata["output"] = "restored: the picture without marks; mask: the probability that a "
                                             "mark covers the pixel (alpha > 0.05)";
            }
            r.maskWeight = 0.5f;
            if (!unblend) {
                r.diceWeight = 1.f;
                // only marks that show: alpha > 0.05 also holds marks of opacity 0.15 in the colour of
                // the picture under them, which no detector can see and none need be restored
                r.visibleMarks = 6.f / 255;
            }
        }
        if (levelMap) {
            r.model.metadata["input"] = "BGR, pixels in [0, 1], then a noise-level map: sigma (of 255) / 50";
            r.model.metadata["noise"] = "none, Gaussian sigma 1..55 of 255, camera (mosaic, shot + read noise, "
                                        "demosaicing, tone curve, 8 bits, JPEG)";
            r.model.metadata["noise_level"] = "input channel 3: aecv::estimateNoiseLevel() / 50";
        }
        // Photos at the scales a filter meets (a wallpaper is 4 to 12 times the width of a frame):
        // scaled to at most 1600 px, patches cut at 1/4..1 of that. At full size, patches of them
        // were smooth, and the detector fired on the dense detail of ordinary photos.
        if (detect || nomask || levelMap) {
            r.maxPhotoSide = 1600;
            r.patchMinScale = 0.25;
        }
        r.cosineDecay = !denoise || levelMap;  // (not the blind denoiser and the benchmark's reference)
        r.data = DataKind::Photos;
        r.defaultData = "/usr/share/doc/opencv-doc/examples/data";
        r.batch = 16;
        r.stepsPerEpoch = 250;
        r.validationPatches = 256;
        r.epochs = 40;
        r.loss = denoise && !levelMap ? LossKind::L1 : LossKind::MSE;
        r.corruption = levelMap ? CorruptionKind::NoiseLevelMap
                       : denoise ? CorruptionKind::Blind : CorruptionKind::Watermark;
        r.noiseLow = 5.f / 255;
        r.noiseHigh = 50.f / 255;
        r.validateCorrupted = true;
        r.optimizer = {OptimizerKind::Adam, 1e-3f};
    } else {
        std::string names;
        for (const std::string& n : presetNames()) names += (names.empty() ? "" : ", ") + n;
        CV_Error(cv::Error::StsBadArg, cv::format("unknown preset '%s'; expected one of %s", preset.c_str(),
                 names.c_str()));
    }
    return r;
}

}  // namespace aecv::train
