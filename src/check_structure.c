/* check_structure: rules about the shape of a table's indicator tree. */
#include "check.h"

void check_structure(Program *p, Table *t)
{
    (void)p;
    (void)t;
}
