#error "lib/ is the architectural model: it must not depend on Unicorn, Capstone, libelf or cmocka (DESIGN.md layers)"
