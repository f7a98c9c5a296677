// aecv: autoencoders for OpenCV.
// Long-run check (ctest label "long", outside the default suite): the shipped denoiser over N
// frames of video (opencv-doc's vtest.avi, looped, Gaussian noise added) must keep a flat resident
// memory. Prints the resident set at frame 100, every 1000 frames and at the end; fails when it
// grew by more than --max-growth MB after frame 100.
//   aecv_soak [FRAMES=10000] [--max-growth MB=8] [--precision f32|bf16]
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <opencv2/videoio.hpp>

namespace {

// Resident set size now (not the peak), from /proc/self/statm.
double residentMb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

int soak(int frames, double maxGrowth, const std::string& precision) {
    const char* video = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
    if (precision == "bf16") aecv::setPrecision(aecv::Precision::BF16);
    cv::VideoCapture capture(video);
    if (!capture.isOpened()) {
        std::fprintf(stderr, "error: cannot open %s (apt-get install opencv-doc)\n", video);
        return 1;
    }
    aecv::Denoiser denoiser;
    cv::RNG rng(1);
    cv::Mat frame, noise, noisy, clean;
    double at100 = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 1; i <= frames; ++i) {
        if (!capture.read(frame)) {  // loop the video
            capture.set(cv::CAP_PROP_POS_FRAMES, 0);
            if (!capture.read(frame)) {
                std::fprintf(stderr, "error: %s stopped delivering frames\n", video);
                return 1;
            }
        }
        noise.create(frame.size(), CV_16SC3);
        rng.fill(noise, cv::RNG::NORMAL, 0, 25);
        cv::add(frame, noise, noisy, cv::noArray(), CV_8U);
        denoiser.apply(noisy, clean);
        if (i == 100) at100 = residentMb();
        if (i == 100 || i % 1000 == 0 || i == frames) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::printf("frame %6d (%dx%d): resident %.1f MB, %.1f frames/s\n", i, frame.cols, frame.rows,
                        residentMb(), i / seconds);
            std::fflush(stdout);
        }
    }
    const double growth = residentMb() - at100;
    std::printf("resident memory from frame 100 to frame %d: %+.1f MB (limit %.1f MB)\n", frames, growth, maxGrowth);
    if (frames >= 100 && growth > maxGrowth) {
        std::fprintf(stderr, "error: resident memory grew by %.1f MB\n", growth);
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 10000;
    double maxGrowth = 8;
    std::string precision = "f32";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--max-growth") && i + 1 < argc) maxGrowth = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--precision") && i + 1 < argc) precision = argv[++i];
        else if (std::atoi(argv[i]) > 0) frames = std::atoi(argv[i]);
        else {
            std::fprintf(stderr, "usage: aecv_soak [FRAMES] [--max-growth MB] [--precision f32|bf16]\n");
            return 2;
        }
    }
    try {
        return soak(frames, maxGrowth, precision);
    } catch (const cv::Exception& e) {
        std::fprintf(stderr, "error: %s\n", e.err.c_str());
        return 1;
    }
}
