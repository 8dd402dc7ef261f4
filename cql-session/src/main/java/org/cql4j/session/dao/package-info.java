/**
 * What the DAO implementations that cql-mapper-processor generates for {@code @Dao} interfaces
 * call: {@link org.cql4j.session.dao.DaoSupport}. Applications get a DAO with {@code
 * session.dao(UserDao.class)}; see docs/dao.md.
 */
package org.cql4j.session.dao;
