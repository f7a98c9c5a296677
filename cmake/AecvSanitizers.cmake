# AECV_SANITIZE="address;undefined" instruments every target of this build.
if(AECV_SANITIZE)
  list(JOIN AECV_SANITIZE "," _aecv_sanitizers)
  add_compile_options(-fsanitize=${_aecv_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${_aecv_sanitizers})
endif()
