/*
** test_number.c — see zhevents/extract.h.
*/
#include <zhevents/zhevents.h>

#include "tap.h"

int main(void)
{
    return tap_done();
}
