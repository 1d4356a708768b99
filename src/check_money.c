/* check_money: rules about money across a table. */
#include "check.h"

void check_money(Program *p, Table *t)
{
    (void)p;
    (void)t;
}
