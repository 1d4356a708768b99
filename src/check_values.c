/* check_values: rules about indicator values, units and operators. */
#include "check.h"

void check_values(Program *p, Table *t)
{
    (void)p;
    (void)t;
}
